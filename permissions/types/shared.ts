/** Why EC2's Describe calls are `*`: AWS offers no resource-level permission for them. */
export const EC2_DESCRIBE_REASON = "EC2 Describe calls support no resource-level permissions; read-only";

/** Why an account-wide List/Describe call is `*`. */
export const LIST_REASON = "the service's List/Describe call for the whole account supports no resource-level permission; read-only";
