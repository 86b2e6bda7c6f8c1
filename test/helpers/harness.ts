import { ExecuteContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, Workflow } from 'n8n-workflow';

/**
 * The credentials side of n8n's runtime for one credential type. `authenticate` follows n8n's own
 * CredentialsHelper.authenticate (packages/cli, not a dev dependency we can load): a generic
 * `authenticate` block is resolved with n8n-workflow's real expression engine and merged into the
 * request. Everything else the node touches comes from n8n-core itself: ExecuteContext,
 * getNodeParameter with defaults and expressions, continueOnFail, and
 * helpers.httpRequestWithAuthentication, which sends real HTTP with axios.
 */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialType: ICredentialType,
		private readonly data: ICredentialDataDecryptedObject,
		private readonly onRead?: () => void,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions & IDataObject;
		const { authenticate } = this.credentialType;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic') {
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				const target = ((requestOptions[outerKey] as IDataObject | undefined) ?? {}) as IDataObject;
				for (const [key, value] of Object.entries(outerValue as IDataObject)) {
					const resolve = (raw: unknown) =>
						typeof raw === 'string' && raw.startsWith('=')
							? workflow.expression.getSimpleParameterValue(node, raw, 'internal', { $credentials: credentials }, undefined, '')
							: raw;
					target[String(resolve(key))] = resolve(value) as IDataObject[string];
				}
				requestOptions[outerKey] = target;
			}
		}
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(_helpers: IHttpRequestHelper): Promise<undefined> {
		return undefined;
	}

	async getCredentials(_nodeCredentials: INodeCredentialsDetails, _type: string): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		// In n8n this is a database read and a decryption; tests count them.
		this.onRead?.();
		// n8n applies credential property defaults before handing the data to a node.
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.credentialType.properties) defaults[property.name] = property.default as string;
		return { ...defaults, ...this.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return this.credentialType.properties;
	}
}

export interface RunNodeOptions {
	nodeType: INodeType;
	credentialType: ICredentialType;
	credentials: ICredentialDataDecryptedObject;
	parameters: INodeParameters;
	items?: IDataObject[];
	/** 'continueRegularOutput' / 'continueErrorOutput' turn Continue On Fail on, as in the node's settings. */
	onError?: INode['onError'];
	/** Called each time n8n reads (and would decrypt) the credential. */
	onCredentialRead?: () => void;
}

export function buildContext(options: RunNodeOptions): ExecuteContext {
	const { nodeType, credentialType } = options;
	const node: INode = {
		id: 'node-under-test',
		name: nodeType.description.displayName,
		type: `n8n-nodes-test.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { [credentialType.name]: { id: 'cred-1', name: 'Test credential' } },
		onError: options.onError,
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ id: 'wf-test', nodes: [node], connections: {}, active: false, nodeTypes });
	// The Workflow has filled in parameter defaults, as n8n does before running a node.
	const resolvedNode = workflow.getNode(node.name) as INode;
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentialType, options.credentials, options.onCredentialRead),
		executionId: 'test-execution',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const inputData = { main: [items] };
	return new ExecuteContext(
		workflow,
		resolvedNode,
		additionalData,
		'manual',
		createRunExecutionData(),
		0,
		items,
		inputData,
		{ node: resolvedNode, data: inputData, source: { main: [{ previousNode: 'Start' }] } },
		[],
	);
}

export async function runNode(options: RunNodeOptions): Promise<INodeExecutionData[]> {
	const context = buildContext(options);
	const output = (await options.nodeType.execute!.call(context)) as INodeExecutionData[][];
	return output[0];
}

/** The error a run throws, failing the test if it throws nothing. */
export async function errorThrownBy(run: Promise<unknown>): Promise<Error & IDataObject> {
	try {
		await run;
	} catch (error) {
		return error as Error & IDataObject;
	}
	throw new Error('expected the node to throw');
}
