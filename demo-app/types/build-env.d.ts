/**
 * What the app's sources may read of `process.env`: Taro replaces these at build time (there is no
 * `process` on a phone). Node's types stay out of the code that ships; `config/` has them
 * (tsconfig.node.json).
 */
declare const process: {
  readonly env: {
    readonly NODE_ENV: 'development' | 'production';
    readonly TARO_ENV: 'weapp' | 'h5';
    readonly TARO_APP_ID?: string;
    /** Read by app.config.ts (in Node, at build time): '1' adds the benchmark page. */
    readonly LIVESELL_BENCH?: string;
  };
};
