// gluon: Blocks, Parameters, layers, Trainer (later issues). The namespace exists so imports resolve.
export {};
