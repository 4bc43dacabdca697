// A chart in the bundled catalogue: its metadata per version and its files (values.yaml,
// templates/*, templates/NOTES.txt), as `helm pull` would unpack them.

export interface ChartVersion {
  version: string;
  appVersion: string;
}

export interface ChartDef {
  name: string;
  description: string;
  /** Newest first. */
  versions: ChartVersion[];
  files: Record<string, string>;
}

export interface RepoDef {
  /** The URL `helm repo add` must be given. */
  url: string;
  charts: ChartDef[];
}
