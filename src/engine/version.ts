/** Product version shown on KA About and in the CLI (a test keeps it equal to package.json's). */
export const PRODUCT_VERSION = "0.1.0";
export const PRODUCT_NAME = "KA Risk";
