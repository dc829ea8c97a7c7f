import type { ICredentialDataDecryptedObject, ICredentialType, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { CsGongApi } from '../../credentials/CsGongApi.credentials';
import { CsHubSpotApi } from '../../credentials/CsHubSpotApi.credentials';
import { CsIntercomApi } from '../../credentials/CsIntercomApi.credentials';
import { CsMixpanelApi } from '../../credentials/CsMixpanelApi.credentials';
import { CsPendoApi } from '../../credentials/CsPendoApi.credentials';
import { CsSecEdgarApi } from '../../credentials/CsSecEdgarApi.credentials';
import { CsWebhookSecretApi } from '../../credentials/CsWebhookSecretApi.credentials';
import { CsZendeskApi } from '../../credentials/CsZendeskApi.credentials';

/**
 * Every credential type of the package. A new credential is added here: its secret fields are then redacted by
 * value from every error, item and log line of the nodes that use it (test/nodes/secrets.test.ts checks that
 * every credential in package.json is listed and plants canaries in each).
 */
export const PACKAGE_CREDENTIAL_TYPES: readonly ICredentialType[] = [new CsHubSpotApi(), new CsZendeskApi(), new CsSecEdgarApi(), new CsMixpanelApi(), new CsPendoApi(), new CsGongApi(), new CsIntercomApi(), new CsWebhookSecretApi()];

/** Where an OAuth2 credential of n8n keeps its secrets: the app's client secret and the tokens n8n stored. */
const OAUTH2_SECRET_PATHS = ['clientSecret', 'oauthTokenData.access_token', 'oauthTokenData.refresh_token', 'oauthTokenData.id_token'] as const;

/**
 * n8n's own credential types that nodes of the package use (CS Email Signals: Gmail and Microsoft Graph; CS Slack
 * Signals: Slack), with the (dot) paths of their secrets, from n8n-nodes-base's definitions: password-typed fields
 * and the token data n8n keeps for OAuth2. A node that takes another of n8n's types adds it here.
 */
export const N8N_CREDENTIAL_SECRET_PATHS: Readonly<Record<string, readonly string[]>> = {
	gmailOAuth2: OAUTH2_SECRET_PATHS,
	microsoftOutlookOAuth2Api: [...OAUTH2_SECRET_PATHS, 'privateKey'],
	slackApi: ['accessToken', 'signatureSecret'],
	slackOAuth2Api: [...OAUTH2_SECRET_PATHS, 'signatureSecret', 'oauthTokenData.authed_user.access_token', 'oauthTokenData.authed_user.refresh_token'],
};

function valueAt(data: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), data);
}

/** Field names that hold a secret even when a credential forgets `typeOptions.password`. */
const SECRET_NAME = /token|secret|password|passphrase|api_?key|private_?key/i;

/** The fields of a credential type whose values are secrets: password-typed ones, and any named like a secret. */
export function secretFieldNames(type: ICredentialType): string[] {
	return type.properties
		.filter((property) => property.type === 'string' && (property.typeOptions?.password === true || SECRET_NAME.test(property.name)))
		.map((property) => property.name);
}

/**
 * The secret values of a credential, for the engine's request context (`SourceContext.secrets`) and for
 * `nodeError` / `failureItem`: removed in every form (raw, base64 at any alignment, URL- and JSON-encoded) from
 * whatever the provider echoes.
 */
export function credentialSecrets(typeName: string, credentials: ICredentialDataDecryptedObject): string[] {
	const type = PACKAGE_CREDENTIAL_TYPES.find((candidate) => candidate.name === typeName);
	const n8nPaths = N8N_CREDENTIAL_SECRET_PATHS[typeName];
	if (!type && n8nPaths) {
		return n8nPaths.map((path) => valueAt(credentials, path)).filter((value): value is string => typeof value === 'string' && value !== '');
	}
	if (!type) throw new Error(`credential type "${typeName}" is not listed in nodes/shared/credentialSecrets.ts: add it so its secrets are redacted`);
	return secretFieldNames(type)
		.map((name) => credentials[name])
		.filter((value): value is string => typeof value === 'string' && value !== '');
}

/** A node's credentials of one type with their secret values. */
export async function sourceCredentials(functions: IExecuteFunctions | ILoadOptionsFunctions, typeName: string): Promise<{ credentials: ICredentialDataDecryptedObject; secrets: string[] }> {
	const credentials = await functions.getCredentials(typeName);
	return { credentials, secrets: credentialSecrets(typeName, credentials) };
}
