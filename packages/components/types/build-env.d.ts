/**
 * Taro replaces `process.env.TARO_ENV` with the build target at build time: there is no `process` on a
 * phone, so the components' sources see only this constant, not Node's types.
 */
declare const process: { readonly env: { readonly TARO_ENV?: string } };
