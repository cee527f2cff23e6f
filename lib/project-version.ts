// The project's version, carried in IOMETE's `iomete.com/terraform_module_version` tag.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const PROJECT_VERSION: string = require("../package.json").version;
