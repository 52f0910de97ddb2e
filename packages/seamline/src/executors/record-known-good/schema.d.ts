export interface RecordKnownGoodExecutorSchema {
  manifest: string;
  verdict: 'pass' | 'fail';
  duration: number;
  suite?: string;
  run?: string;
}
