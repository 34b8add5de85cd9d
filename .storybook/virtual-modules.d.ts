declare module 'virtual:run-comparer/custom-elements' {
  const manifest: import('./element-manifest.ts').Manifest;
  export default manifest;
}
