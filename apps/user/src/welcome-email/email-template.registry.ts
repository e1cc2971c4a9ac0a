/** A plain-text template; `{{name}}` placeholders are replaced by variables of the same name. */
export interface EmailTemplate {
  readonly subject: string;
  readonly body: string;
}

/** A template filled in with its variables. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
}

/** A template asked for is not registered, or a variable it uses was not given. Retrying will not fix it. */
export class EmailTemplateError extends Error {
  override readonly name = 'EmailTemplateError';
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

/** The templates this service ships with. */
export const DEFAULT_EMAIL_TEMPLATES: Readonly<Record<string, EmailTemplate>> = Object.freeze({
  welcome: {
    subject: 'Welcome to WebNovel, {{username}}!',
    body: [
      'Hi {{username}},',
      '',
      'Your WebNovel account is ready. Follow the authors you like, build your shelf and start reading.',
      '',
      'Happy reading,',
      'The WebNovel team',
    ].join('\n'),
  },
});

/**
 * Named e-mail templates. Rendering is strict: a missing variable is an error rather than an empty string,
 * so a typo cannot send "Hi ," to every new user. Output is plain text; an HTML template would need escaping.
 */
export class EmailTemplateRegistry {
  private readonly templates = new Map<string, EmailTemplate>();

  constructor(templates: Readonly<Record<string, EmailTemplate>> = DEFAULT_EMAIL_TEMPLATES) {
    for (const [name, template] of Object.entries(templates)) this.register(name, template);
  }

  /** Adds or replaces the template called `name`. */
  register(name: string, template: EmailTemplate): void {
    this.templates.set(name, Object.freeze({ ...template }));
  }

  /** Whether a template called `name` exists. */
  has(name: string): boolean {
    return this.templates.has(name);
  }

  /**
   * Fills the template called `name` with `variables`.
   * @throws EmailTemplateError for an unknown template or a placeholder without a variable
   */
  render(name: string, variables: Readonly<Record<string, string>>): RenderedEmail {
    const template = this.templates.get(name);
    if (template === undefined) {
      throw new EmailTemplateError(`No e-mail template "${name}"; registered: ${[...this.templates.keys()].join(', ') || 'none'}.`);
    }
    return { subject: fill(template.subject, name, variables), text: fill(template.body, name, variables) };
  }
}

function fill(text: string, template: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_, key: string) => {
    if (!Object.hasOwn(variables, key)) throw new EmailTemplateError(`Template "${template}" uses {{${key}}} but no "${key}" was given.`);
    return variables[key];
  });
}
