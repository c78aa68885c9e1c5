export function findForbiddenImports(srcDir: string): string[];
