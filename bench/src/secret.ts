export const BENCH_SECRET = 'bench-secret-only-for-loopback-runs';
