// The file name of each input format: shared by the adapters and the registry (sources/index.ts), which matches a
// path without loading the adapter that reads it.
export const FORMATS = {
  xlsx: /\.xlsx$/i,
  csv: /\.csv$/i,
  yaml: /\.ya?ml$/i,
} as const;
