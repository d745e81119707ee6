/**
 * Fixed choices of the API, as plain constants without zod: the CLI process checks its flags with
 * them without loading the API's schemas (which only its engine child needs). The schemas in
 * segmentsApi.ts and postgresApi.ts are built from these lists.
 */
export const exportFormats = ['csv', 'parquet', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const sslModes = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof sslModes)[number];
