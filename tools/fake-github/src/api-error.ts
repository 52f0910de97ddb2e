/**
 * GitHub's error replies: `{ message, documentation_url }`, plus `errors` on 422.
 * Handlers throw an ApiError; the server turns it into that body, so callers
 * see the same RequestError (status, message, response.data) as against GitHub.
 */
export const DOCS_URL = 'https://docs.github.com/rest';

export interface ValidationErrorItem {
  resource: string;
  field: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  message?: string;
}

export interface GitHubErrorBody {
  message: string;
  documentation_url: string;
  /** GitHub echoes the status as a string in newer error bodies. */
  status: string;
  errors?: ValidationErrorItem[];
}

export class ApiError extends Error {
  readonly body: GitHubErrorBody;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    message: string,
    options: { documentationUrl?: string; errors?: ValidationErrorItem[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.body = {
      message,
      documentation_url: options.documentationUrl ?? DOCS_URL,
      status: String(status),
      ...(options.errors ? { errors: options.errors } : {}),
    };
    this.headers = options.headers ?? {};
  }
}

export const notFound = () => new ApiError(404, 'Not Found');

export const badCredentials = () => new ApiError(401, 'Bad credentials');

export const problemsParsingJson = () => new ApiError(400, 'Problems parsing JSON');

export const validationFailed = (...errors: ValidationErrorItem[]) => new ApiError(422, 'Validation Failed', { errors });
