/** Counters the invariant run prints. */
export const stats = {
  calls: 0,
  reverts: 0,
  checks: 0,
  /** Reverted calls after which no block was mined: the chain the previous check saw, not checked again. */
  unchangedSkips: 0,
  revertsByError: new Map<string, number>(),
  byCommand: new Map<string, { calls: number; ok: number }>(),
  milestones: new Map<string, number>(),
};

export function milestone(name: string): void {
  stats.milestones.set(name, (stats.milestones.get(name) ?? 0) + 1);
}
