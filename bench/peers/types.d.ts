// Shapes of the bench's untyped peer packages (only what the bench calls).
declare module 'wink-bm25-text-search' {
  interface Bm25Engine {
    defineConfig(config: {
      fldWeights: Record<string, number>;
      bm25Params?: { k1?: number; b?: number; k?: number };
      ovFldNames?: string[];
    }): boolean;
    // biome-ignore lint/suspicious/noExplicitAny: the package takes any chain of text functions.
    definePrepTasks(tasks: ((input: any) => any)[], field?: string): number;
    addDoc(doc: Record<string, string>, id: number | string): number;
    consolidate(fp?: number): boolean;
    search(
      text: string,
      limit?: number,
      filter?: (fieldValues: Record<string, string>, params: unknown) => boolean,
      params?: unknown,
    ): [string, number][];
  }
  function bm25(): Bm25Engine;
  export default bm25;
}
declare module 'wink-nlp-utils' {
  const nlp: {
    string: { lowerCase(s: string): string; tokenize0(s: string): string[] };
    tokens: { removeWords(t: string[]): string[]; stem(t: string[]): string[]; propagateNegations(t: string[]): string[] };
  };
  export default nlp;
}
