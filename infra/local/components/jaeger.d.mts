/** The local trace viewer's stack component (jaeger.mjs); only what tests and scripts read. */
export declare const jaeger: {
  readonly name: 'jaeger';
  readonly envVar: 'JAEGER_URL';
  /** The viewer and query API, `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly ports: readonly number[];
};

/** Where the services send their spans while the viewer runs (OTEL_EXPORTER_OTLP_ENDPOINT). */
export declare const traceViewerOtlpEndpoint: string;

/** True once `npm run observe` has built the viewer. */
export declare function traceViewerProvisioned(): boolean;
