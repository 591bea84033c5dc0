import { useEffect, useRef, useState } from 'preact/hooks';

interface Detector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
type DetectorClass = new (opts: { formats: string[] }) => Detector;

/**
 * Phone or member code. A handheld scanner types the code and Enter into the focused box; a tablet's
 * camera reads it through the browser's BarcodeDetector where there is one (Chrome on Android).
 */
export function SearchBar(props: { busy: boolean; onSearch: (text: string) => void }) {
  const [text, setText] = useState('');
  const [scanning, setScanning] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const Barcode = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  useEffect(() => input.current?.focus(), []);
  const submit = (e: Event) => {
    e.preventDefault();
    props.onSearch(text);
  };
  return (
    <form class="search" onSubmit={submit} role="search">
      <label for="lookup">手机号或会员码</label>
      <div class="row">
        <input
          id="lookup"
          ref={input}
          inputMode="text"
          autoComplete="off"
          placeholder="输入手机号，或扫描会员码"
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary" disabled={props.busy}>
          {props.busy ? '查找中…' : '查找'}
        </button>
        {Barcode && (
          <button type="button" onClick={() => setScanning(true)}>
            扫码
          </button>
        )}
      </div>
      {scanning && Barcode && (
        <Scanner
          Detector={Barcode}
          onCode={(code) => {
            setScanning(false);
            setText(code);
            props.onSearch(code);
          }}
          onClose={() => setScanning(false)}
        />
      )}
    </form>
  );
}

function Scanner(props: { Detector: DetectorClass; onCode: (code: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    const detector = new props.Detector({ formats: ['qr_code', 'code_128'] });
    const tick = async () => {
      if (stopped || !video.current) return;
      const codes = await detector.detect(video.current).catch(() => []);
      if (codes[0]?.rawValue) props.onCode(codes[0].rawValue);
      else setTimeout(() => void tick(), 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch(() => setError('无法打开摄像头，请改用扫码枪或手动输入'));
    return () => {
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return (
    <div class="scanner">
      {error ? <p class="alert">{error}</p> : <video ref={video} muted playsInline />}
      <button type="button" onClick={props.onClose}>
        关闭
      </button>
    </div>
  );
}
