export interface SeamTestGeneratorSchema {
  name: string;
  /** Comma-separated, or a list. */
  components: string | string[];
  subset?: string;
  ring?: number;
  catches: string;
  skipFormat?: boolean;
}
