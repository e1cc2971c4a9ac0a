/** What the rules look at: a user's accumulated activity. */
export interface UserProgress {
  readonly logins: number;
  /** Distinct UTC days with at least one login, ascending. */
  readonly loginDays: readonly string[];
  readonly profileUpdates: number;
}

/** One event's contribution to a user's progress. */
export type ProgressActivity = { readonly kind: 'login'; readonly day: string } | { readonly kind: 'profile-update' };

/** An achievement and the condition that earns it. */
export interface AchievementRule {
  /** Stable id; stored with every award, so renaming it would award the achievement again. */
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly isMet: (progress: UserProgress) => boolean;
}

/** A user with no activity yet. */
export const EMPTY_PROGRESS: UserProgress = Object.freeze({ logins: 0, loginDays: Object.freeze([]), profileUpdates: 0 });

/** The achievements this service awards. */
export const ACHIEVEMENT_RULES: readonly AchievementRule[] = Object.freeze([
  {
    code: 'first_login',
    title: 'First steps',
    description: 'You logged in for the first time. Welcome aboard!',
    isMet: (p: UserProgress) => p.logins >= 1,
  },
  {
    code: 'profile_completed',
    title: 'Making it yours',
    description: 'You updated your profile for the first time.',
    isMet: (p: UserProgress) => p.profileUpdates >= 1,
  },
  {
    code: 'regular_reader',
    title: 'Regular reader',
    description: 'You logged in on three different days.',
    isMet: (p: UserProgress) => p.loginDays.length >= 3,
  },
]);

/** The progress after `activity`. Returns a new object; `progress` is left as it is. */
export function advance(progress: UserProgress, activity: ProgressActivity): UserProgress {
  switch (activity.kind) {
    case 'login': {
      const loginDays = progress.loginDays.includes(activity.day) ? progress.loginDays : [...progress.loginDays, activity.day].sort();
      return { ...progress, logins: progress.logins + 1, loginDays };
    }
    case 'profile-update':
      return { ...progress, profileUpdates: progress.profileUpdates + 1 };
  }
}

/** The rules `progress` satisfies, in rule order. Already-awarded ones are included; awarding is idempotent. */
export function metRules(progress: UserProgress, rules: readonly AchievementRule[] = ACHIEVEMENT_RULES): AchievementRule[] {
  return rules.filter((rule) => rule.isMet(progress));
}
