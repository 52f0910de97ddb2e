export interface CatalogExecutorSchema {
  out?: string;
  check?: boolean;
}
