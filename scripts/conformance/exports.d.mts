export type Namespace = 'np' | 'np.linalg' | 'np.fft' | 'np.random';
export type QuarkExports = Record<Namespace, string[]> & { ndarray: Record<string, 'method' | 'attribute'> };
export function quarkExports(np: object, NDArray: { prototype: object }): QuarkExports;
