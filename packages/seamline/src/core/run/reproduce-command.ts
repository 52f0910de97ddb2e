/** The command that runs a manifest again, as summaries and failure issues print it. */
export const reproduceCommand = (manifestFile: string) => `nx run integration:reproduce --manifest=${manifestFile}`;
