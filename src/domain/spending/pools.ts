/**
 * A pool is money that may be spent together: a component's unrestricted money, or one
 * restricted (designated) pool inside a component.
 */
export function poolKeyOf(component: string, restrictionId: string | null): string {
  return restrictionId === null ? component : `${component}#${restrictionId}`;
}
