/**
 * Applies several property decorators as one. Each keeps registering its own class-validator metadata,
 * so violations still name the precise constraint (`isInt`, `min`) rather than an opaque composite.
 */
export function composePropertyDecorators(...decorators: readonly PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => {
    for (const decorator of decorators) decorator(target, propertyKey);
  };
}
