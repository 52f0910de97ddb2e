// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface SeamTestGeneratorSchema {
  name: string | number;
  /** Comma-separated, or a list. */
  components: string | (string | number)[] | number;
  subset?: string | number;
  ring?: number;
  catches: string | number;
  /** jest (default): a TypeScript spec; node: an ES module test for node --test. */
  runner?: 'jest' | 'node';
  skipFormat?: boolean;
}
