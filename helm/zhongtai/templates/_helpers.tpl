{{/* Names: <release>-zhongtai unless the release is called zhongtai-something already. */}}
{{- define "zhongtai.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "zhongtai.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels of a component: (dict "root" $ "component" "gateway") */}}
{{- define "zhongtai.selectorLabels" -}}
app.kubernetes.io/name: {{ include "zhongtai.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "zhongtai.labels" -}}
{{ include "zhongtai.selectorLabels" . }}
app.kubernetes.io/part-of: zhongtai
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "zhongtai.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* The Secret with the platform's keys and URIs: the user's, or the chart's own. */}}
{{- define "zhongtai.authSecret" -}}
{{- .Values.auth.existingSecret | default (printf "%s-secrets" (include "zhongtai.fullname" .)) -}}
{{- end -}}
{{- define "zhongtai.mongoSecret" -}}
{{- .Values.mongodb.existingSecret | default (printf "%s-secrets" (include "zhongtai.fullname" .)) -}}
{{- end -}}
{{- define "zhongtai.mongoSecretKey" -}}
{{- if .Values.mongodb.existingSecret }}{{ .Values.mongodb.existingSecretKey }}{{ else }}MONGODB_URI{{ end -}}
{{- end -}}
{{- define "zhongtai.redisSecret" -}}
{{- .Values.redis.existingSecret | default (printf "%s-secrets" (include "zhongtai.fullname" .)) -}}
{{- end -}}
{{- define "zhongtai.redisSecretKey" -}}
{{- if .Values.redis.existingSecret }}{{ .Values.redis.existingSecretKey }}{{ else }}REDIS_URL{{ end -}}
{{- end -}}

{{/* A component's settings: `defaults` overridden by its own block. */}}
{{- define "zhongtai.settings" -}}
{{- $block := omit (.block | default dict) "env" "envFromSecret" "worker" "port" "enabled" "service" "everySeconds" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $block)) -}}
{{- end -}}

{{- define "zhongtai.gatewayUrl" -}}
http://{{ include "zhongtai.fullname" . }}-gateway:{{ .Values.gateway.service.port }}/graphql
{{- end -}}

{{/* Variables every process of ours gets. */}}
{{- define "zhongtai.commonEnv" -}}
- name: NODE_ENV
  value: {{ .Values.nodeEnv | quote }}
- name: LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: TIME_ZONE
  value: {{ .Values.timeZone | quote }}
- name: SHUTDOWN_DELAY_MS
  value: {{ .Values.shutdownDelayMs | quote }}
- name: METRICS_PORT
  value: {{ .Values.metrics.port | quote }}
{{- with .Values.tenantTimeZones }}
- name: TENANT_TIME_ZONES
  value: {{ . | quote }}
{{- end }}
- name: INTERNAL_TOKEN_SECRET
  valueFrom:
    secretKeyRef: { name: {{ include "zhongtai.authSecret" . }}, key: INTERNAL_TOKEN_SECRET }
{{- with .Values.tracing.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
- name: OTEL_TRACES_SAMPLER
  value: parentbased_traceidratio
- name: OTEL_TRACES_SAMPLER_ARG
  value: {{ $.Values.tracing.sampleRatio | quote }}
{{- end }}
{{- range $k, $v := .Values.extraEnv }}
- name: {{ $k }}
  value: {{ $v | toString | quote }}
{{- end }}
{{- end -}}

{{/* How users' tokens are verified: the gateway's alone (nothing else sees a user's token). */}}
{{- define "zhongtai.userAuthEnv" -}}
{{- with .Values.auth.jwksUrl }}
- name: JWT_JWKS_URL
  value: {{ . | quote }}
{{- end }}
{{- with .Values.auth.issuer }}
- name: JWT_ISSUER
  value: {{ . | quote }}
{{- end }}
{{- with .Values.auth.audience }}
- name: JWT_AUDIENCE
  value: {{ . | quote }}
{{- end }}
- name: JWT_SECRET
  valueFrom:
    secretKeyRef: { name: {{ include "zhongtai.authSecret" . }}, key: JWT_SECRET, optional: {{ not (empty .Values.auth.jwksUrl) }} }
{{- end -}}

{{/* REDIS_URL alone (the gateway: rate limits shared by its replicas). */}}
{{- define "zhongtai.redisEnv" -}}
- name: REDIS_URL
  valueFrom:
    secretKeyRef: { name: {{ include "zhongtai.redisSecret" . }}, key: {{ include "zhongtai.redisSecretKey" . }} }
{{- end -}}

{{/* MONGODB_URI and REDIS_URL, from their Secrets. */}}
{{- define "zhongtai.dataEnv" -}}
- name: MONGODB_URI
  valueFrom:
    secretKeyRef: { name: {{ include "zhongtai.mongoSecret" . }}, key: {{ include "zhongtai.mongoSecretKey" . }} }
- name: REDIS_URL
  valueFrom:
    secretKeyRef: { name: {{ include "zhongtai.redisSecret" . }}, key: {{ include "zhongtai.redisSecretKey" . }} }
{{- end -}}

{{/*
A Deployment of the image running one service: (dict "root" $ "component" "member" "service" "member"
"port" 4001 "block" $block "env" (list of env YAML) "envFromSecret" "" "checksum" "")
*/}}
{{- define "zhongtai.deployment" -}}
{{- $root := .root -}}
{{- if gt (add $root.Values.shutdownDelayMs 8000) (mul $root.Values.terminationGracePeriodSeconds 1000) -}}
{{- fail (printf "shutdownDelayMs (%v) + 8000 ms must fit in terminationGracePeriodSeconds (%v s): the pods would be killed mid-stop" $root.Values.shutdownDelayMs $root.Values.terminationGracePeriodSeconds) -}}
{{- end -}}
{{- $s := fromYaml (include "zhongtai.settings" (dict "root" $root "block" .block)) -}}
{{- $labels := dict "root" $root "component" .component -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "zhongtai.fullname" $root }}-{{ .component }}
  labels:
    {{- include "zhongtai.labels" $labels | nindent 4 }}
spec:
  {{- if not $s.autoscaling.enabled }}
  replicas: {{ .replicas | default $s.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "zhongtai.selectorLabels" $labels | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxUnavailable: 0, maxSurge: 1 }
  template:
    metadata:
      labels:
        {{- include "zhongtai.labels" $labels | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/secret.yaml") $root | sha256sum }}
        {{- with .checksum }}
        checksum/supergraph: {{ . }}
        {{- end }}
        {{- with $root.Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "zhongtai.fullname" $root }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ $root.Values.terminationGracePeriodSeconds }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      {{- with $root.Values.image.pullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $s.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $s.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $s.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if $s.topologySpread }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "zhongtai.selectorLabels" $labels | nindent 14 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "zhongtai.image" $root | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          args: [{{ .service | quote }}]
          ports:
            - name: http
              containerPort: {{ .port }}
              protocol: TCP
            - name: metrics
              containerPort: {{ $root.Values.metrics.port }}
              protocol: TCP
          env:
            - name: PORT
              value: {{ .port | quote }}
            - name: HOST
              value: "0.0.0.0"
            {{- include "zhongtai.commonEnv" $root | nindent 12 }}
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- range $k, $v := (.block | default dict).env }}
            - name: {{ $k }}
              value: {{ $v | toString | quote }}
            {{- end }}
          {{- with .envFromSecret }}
          envFrom:
            - secretRef: { name: {{ . }} }
          {{- end }}
          # /healthz: the process answers; /readyz?scope=self: it can serve (its own database), whatever
          # other parts are doing — a subgraph or Redis down must not take the healthy pods out of rotation
          startupProbe:
            httpGet: { path: /healthz, port: http }
            {{- toYaml $root.Values.probes.startup | nindent 12 }}
          livenessProbe:
            httpGet: { path: /healthz, port: http }
            {{- toYaml $root.Values.probes.liveness | nindent 12 }}
          readinessProbe:
            httpGet: { path: "/readyz?scope=self", port: http }
            {{- toYaml $root.Values.probes.readiness | nindent 12 }}
          resources:
            {{- toYaml $s.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            - { name: tmp, mountPath: /tmp }
            {{- with .volumeMounts }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: { sizeLimit: 64Mi }
        {{- with .volumes }}
        {{- . | nindent 8 }}
        {{- end }}
{{- end -}}

{{/* A ClusterIP Service in front of a component's pods. */}}
{{- define "zhongtai.service" -}}
{{- $labels := dict "root" .root "component" .component -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "zhongtai.fullname" .root }}-{{ .component }}
  labels:
    {{- include "zhongtai.labels" $labels | nindent 4 }}
    zhongtai.io/metrics: "true"
spec:
  type: {{ .type | default "ClusterIP" }}
  {{- if .headless }}
  clusterIP: None
  {{- end }}
  selector:
    {{- include "zhongtai.selectorLabels" $labels | nindent 4 }}
  ports:
    - name: http
      port: {{ .servicePort | default .port }}
      targetPort: http
      protocol: TCP
    - name: metrics
      port: {{ .root.Values.metrics.port }}
      targetPort: metrics
      protocol: TCP
{{- end -}}

{{/* HPA and PDB of a component, as its settings ask. */}}
{{- define "zhongtai.scaling" -}}
{{- $s := fromYaml (include "zhongtai.settings" (dict "root" .root "block" .block)) -}}
{{- $labels := dict "root" .root "component" .component -}}
{{- $name := printf "%s-%s" (include "zhongtai.fullname" .root) .component -}}
{{- if $s.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $name }}
  labels:
    {{- include "zhongtai.labels" $labels | nindent 4 }}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: {{ $name }} }
  minReplicas: {{ $s.autoscaling.minReplicas }}
  maxReplicas: {{ $s.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: { type: Utilization, averageUtilization: {{ $s.autoscaling.targetCPUUtilizationPercentage }} }
{{- end }}
{{- if and $s.pdb.enabled (or $s.autoscaling.enabled (gt (int (.replicas | default $s.replicas)) 1)) }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  labels:
    {{- include "zhongtai.labels" $labels | nindent 4 }}
spec:
  maxUnavailable: {{ $s.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "zhongtai.selectorLabels" $labels | nindent 6 }}
{{- end }}
{{- end -}}
