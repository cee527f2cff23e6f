/**
 * Values for a Terraform function call that cdktf writes out as an HCL expression
 * (`Fn.yamlencode`, `Fn.jsonencode`): cdktf escapes a newline and `${` in their strings, but
 * not a double quote, a backslash or a template directive (`%{`), which then break the
 * expression or change its value (hashicorp/terraform-cdk: strings inside function calls).
 * This escapes those three in every plain string, at any depth. cdktf's own tokens
 * (`${TfToken[...]}`) hold none of them, so references pass through unchanged.
 */
export function hclStringsEscaped<T>(value: T): T {
  if (typeof value === "string") return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/%\{/g, "%%{") as T;
  if (Array.isArray(value)) return value.map((v) => hclStringsEscaped(v)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [hclStringsEscaped(k), hclStringsEscaped(v)])) as T;
  }
  return value;
}
