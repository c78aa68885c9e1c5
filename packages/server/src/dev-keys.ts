export const DEV_SDK_APP_ID = 1400000000;
/** Well known on purpose: a dev server is only as private as the machine it runs on. */
export const DEV_SECRET_KEY = 'livesell-local-dev-secret-key-not-for-production';
