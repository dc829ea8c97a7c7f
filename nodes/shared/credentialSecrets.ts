import type { ICredentialDataDecryptedObject, ICredentialType, IExecuteFunctions } from 'n8n-workflow';
import { CsHubSpotApi } from '../../credentials/CsHubSpotApi.credentials';
import { CsMixpanelApi } from '../../credentials/CsMixpanelApi.credentials';
import { CsPendoApi } from '../../credentials/CsPendoApi.credentials';
import { CsSecEdgarApi } from '../../credentials/CsSecEdgarApi.credentials';
import { CsZendeskApi } from '../../credentials/CsZendeskApi.credentials';

/**
 * Every credential type of the package. A new credential is added here: its secret fields are then redacted by
 * value from every error, item and log line of the nodes that use it (test/nodes/secrets.test.ts checks that
 * every credential in package.json is listed and plants canaries in each).
 */
export const PACKAGE_CREDENTIAL_TYPES: readonly ICredentialType[] = [new CsHubSpotApi(), new CsZendeskApi(), new CsSecEdgarApi(), new CsMixpanelApi(), new CsPendoApi()];

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
	if (!type) throw new Error(`credential type "${typeName}" is not listed in nodes/shared/credentialSecrets.ts: add it so its secrets are redacted`);
	return secretFieldNames(type)
		.map((name) => credentials[name])
		.filter((value): value is string => typeof value === 'string' && value !== '');
}

/** A node's credentials of one type with their secret values. */
export async function sourceCredentials(functions: IExecuteFunctions, typeName: string): Promise<{ credentials: ICredentialDataDecryptedObject; secrets: string[] }> {
	const credentials = await functions.getCredentials(typeName);
	return { credentials, secrets: credentialSecrets(typeName, credentials) };
}
