/** Where the console's pages are (home tile, side navigation, the hall link). */
export const CONSOLE_HOME_URL = '/packages/console/pages/index/index';
export const consoleTableUrl = (kind: string) => `/packages/console/pages/table/index?kind=${kind}`;
