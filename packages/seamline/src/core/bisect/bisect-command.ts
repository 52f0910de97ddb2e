/** The command that bisects a failed run from the last known good, as failure reports print it. */
export const bisectCommand = (manifestFile: string) => `nx run integration:bisect --bad=${manifestFile}`;

/** A failed full that did not bisect itself: what it takes to make every failing full do so. */
export const BISECT_AUTO_HINT = '`bisect: auto` in `integration/seamline.yaml` makes every failing `full` bisect itself.';
