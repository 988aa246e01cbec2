// The UI texts the double puts in flows (node labels and flow messages), with Kratos' real ids and
// texts. Ids: `text/id.go`; texts: the `New…` constructors in `text/message_*.go` (named per entry);
// both read from ory/kratos at b86338da04a040247a07f46100a86dcfb3875909, the snapshot FACTS.md §0
// describes. Clients switch on the id (Ory's UIs translate by it), so a made-up id is a fidelity bug.

/** Every UI text id Kratos defines (`text/id.go`, iota blocks expanded), by its Go name. */
export const kratosTextIds = {
  InfoSelfServiceLoginRoot: 1010000,
  InfoSelfServiceLogin: 1010001,
  InfoSelfServiceLoginWith: 1010002,
  InfoSelfServiceLoginReAuth: 1010003,
  InfoSelfServiceLoginMFA: 1010004,
  InfoSelfServiceLoginVerify: 1010005,
  InfoSelfServiceLoginTOTPLabel: 1010006,
  InfoLoginLookupLabel: 1010007,
  InfoSelfServiceLoginWebAuthn: 1010008,
  InfoLoginTOTP: 1010009,
  InfoLoginLookup: 1010010,
  InfoSelfServiceLoginContinueWebAuthn: 1010011,
  InfoSelfServiceLoginWebAuthnPasswordless: 1010012,
  InfoSelfServiceLoginContinue: 1010013,
  InfoSelfServiceLoginCodeSent: 1010014,
  InfoSelfServiceLoginCode: 1010015,
  InfoSelfServiceLoginLink: 1010016,
  InfoSelfServiceLoginAndLink: 1010017,
  InfoSelfServiceLoginWithAndLink: 1010018,
  InfoSelfServiceLoginCodeMFA: 1010019,
  InfoSelfServiceLoginCodeMFAHint: 1010020,
  InfoSelfServiceLoginPasskey: 1010021,
  InfoSelfServiceLoginPassword: 1010022,
  InfoSelfServiceLoginAAL2CodeAddress: 1010023,
  InfoSelfServiceLoginDeviceAuthn: 1010024,
  InfoSelfServiceLoginCodeSentForAuthenticatedUser: 1010025,
  InfoSelfServiceLogout: 1020000,
  InfoSelfServiceMFA: 1030000,
  InfoSelfServiceRegistrationRoot: 1040000,
  InfoSelfServiceRegistration: 1040001,
  InfoSelfServiceRegistrationWith: 1040002,
  InfoSelfServiceRegistrationContinue: 1040003,
  InfoSelfServiceRegistrationRegisterWebAuthn: 1040004,
  InfoSelfServiceRegistrationEmailWithCodeSent: 1040005,
  InfoSelfServiceRegistrationRegisterCode: 1040006,
  InfoSelfServiceRegistrationRegisterPasskey: 1040007,
  InfoSelfServiceRegistrationBack: 1040008,
  InfoSelfServiceRegistrationChooseCredentials: 1040009,
  InfoSelfServiceSettings: 1050000,
  InfoSelfServiceSettingsUpdateSuccess: 1050001,
  InfoSelfServiceSettingsUpdateLinkOidc: 1050002,
  InfoSelfServiceSettingsUpdateUnlinkOidc: 1050003,
  InfoSelfServiceSettingsUpdateUnlinkTOTP: 1050004,
  InfoSelfServiceSettingsTOTPQRCode: 1050005,
  InfoSelfServiceSettingsTOTPSecret: 1050006,
  InfoSelfServiceSettingsRevealLookup: 1050007,
  InfoSelfServiceSettingsRegenerateLookup: 1050008,
  InfoSelfServiceSettingsLookupSecret: 1050009,
  InfoSelfServiceSettingsLookupSecretLabel: 1050010,
  InfoSelfServiceSettingsLookupConfirm: 1050011,
  InfoSelfServiceSettingsRegisterWebAuthn: 1050012,
  InfoSelfServiceSettingsRegisterWebAuthnDisplayName: 1050013,
  InfoSelfServiceSettingsLookupSecretUsed: 1050014,
  InfoSelfServiceSettingsLookupSecretList: 1050015,
  InfoSelfServiceSettingsDisableLookup: 1050016,
  InfoSelfServiceSettingsTOTPSecretLabel: 1050017,
  InfoSelfServiceSettingsRemoveWebAuthn: 1050018,
  InfoSelfServiceSettingsRegisterPasskey: 1050019,
  InfoSelfServiceSettingsRemovePasskey: 1050020,
  InfoSelfServiceSettingsRemoveDeviceAuthnKey: 1050021,
  InfoSelfServiceSettingsDeviceAuthnNonce: 1050022,
  InfoSelfServiceSettingsManagedByOrganization: 1050023,
  InfoSelfServiceRecovery: 1060000,
  InfoSelfServiceRecoverySuccessful: 1060001,
  InfoSelfServiceRecoveryEmailSent: 1060002,
  InfoSelfServiceRecoveryEmailWithCodeSent: 1060003,
  InfoSelfServiceRecoveryMessageMaskedWithCodeSent: 1060004,
  InfoSelfServiceRecoveryAskForFullAddress: 1060005,
  InfoSelfServiceRecoveryAskToChooseAddress: 1060006,
  InfoSelfServiceRecoveryBack: 1060007,
  InfoNodeLabel: 1070000,
  InfoNodeLabelInputPassword: 1070001,
  InfoNodeLabelGenerated: 1070002,
  InfoNodeLabelSave: 1070003,
  InfoNodeLabelID: 1070004,
  InfoNodeLabelSubmit: 1070005,
  InfoNodeLabelVerifyOTP: 1070006,
  InfoNodeLabelEmail: 1070007,
  InfoNodeLabelResendOTP: 1070008,
  InfoNodeLabelContinue: 1070009,
  InfoNodeLabelRecoveryCode: 1070010,
  InfoNodeLabelVerificationCode: 1070011,
  InfoNodeLabelRegistrationCode: 1070012,
  InfoNodeLabelLoginCode: 1070013,
  InfoNodeLabelLoginAndLinkCredential: 1070014,
  InfoNodeLabelCaptcha: 1070015,
  InfoNodeLabelRecoveryAddress: 1070016,
  InfoNodeLabelPhoneNumber: 1070017,
  InfoNodeLabelEmailOrPhone: 1070018,
  InfoSelfServiceVerification: 1080000,
  InfoSelfServiceVerificationEmailSent: 1080001,
  InfoSelfServiceVerificationSuccessful: 1080002,
  InfoSelfServiceVerificationEmailWithCodeSent: 1080003,
  InfoSelfServiceVerificationPhoneWithCodeSent: 1080004,
  InfoSelfServiceVerificationPhoneSuccessful: 1080005,
  ErrorValidation: 4000000,
  ErrorValidationGeneric: 4000001,
  ErrorValidationRequired: 4000002,
  ErrorValidationMinLength: 4000003,
  ErrorValidationInvalidFormat: 4000004,
  ErrorValidationPasswordPolicyViolationGeneric: 4000005,
  ErrorValidationInvalidCredentials: 4000006,
  ErrorValidationDuplicateCredentials: 4000007,
  ErrorValidationTOTPVerifierWrong: 4000008,
  ErrorValidationIdentifierMissing: 4000009,
  ErrorValidationAddressNotVerified: 4000010,
  ErrorValidationNoTOTPDevice: 4000011,
  ErrorValidationLookupAlreadyUsed: 4000012,
  ErrorValidationNoWebAuthnDevice: 4000013,
  ErrorValidationNoLookup: 4000014,
  ErrorValidationSuchNoWebAuthnUser: 4000015,
  ErrorValidationLookupInvalid: 4000016,
  ErrorValidationMaxLength: 4000017,
  ErrorValidationMinimum: 4000018,
  ErrorValidationExclusiveMinimum: 4000019,
  ErrorValidationMaximum: 4000020,
  ErrorValidationExclusiveMaximum: 4000021,
  ErrorValidationMultipleOf: 4000022,
  ErrorValidationMaxItems: 4000023,
  ErrorValidationMinItems: 4000024,
  ErrorValidationUniqueItems: 4000025,
  ErrorValidationWrongType: 4000026,
  ErrorValidationDuplicateCredentialsOnOIDCLink: 4000027,
  ErrorValidationDuplicateCredentialsWithHints: 4000028,
  ErrorValidationConst: 4000029,
  ErrorValidationConstGeneric: 4000030,
  ErrorValidationPasswordIdentifierTooSimilar: 4000031,
  ErrorValidationPasswordMinLength: 4000032,
  ErrorValidationPasswordMaxLength: 4000033,
  ErrorValidationPasswordTooManyBreaches: 4000034,
  ErrorValidationNoCodeUser: 4000035,
  ErrorValidationTraitsMismatch: 4000036,
  ErrorValidationAccountNotFound: 4000037,
  ErrorValidationCaptchaError: 4000038,
  ErrorValidationPasswordNewSameAsOld: 4000039,
  ErrorValidationEmail: 4000040,
  ErrorValidationPhone: 4000041,
  ErrorValidationNoDeviceAuthnDevice: 4000042,
  ErrorValidationWebAuthnVerifierWrong: 4000043,
  ErrorValidationDeviceAuthnVerifierWrong: 4000044,
  ErrorValidationDeviceAuthnRelaxedAttestationNoLongerValid: 4000045,
  ErrorValidationDeviceAuthnKeyReenrollmentRequired: 4000046,
  ErrorValidationLogin: 4010000,
  ErrorValidationLoginFlowExpired: 4010001,
  ErrorValidationLoginNoStrategyFound: 4010002,
  ErrorValidationRegistrationNoStrategyFound: 4010003,
  ErrorValidationSettingsNoStrategyFound: 4010004,
  ErrorValidationRecoveryNoStrategyFound: 4010005,
  ErrorValidationVerificationNoStrategyFound: 4010006,
  ErrorValidationLoginRetrySuccess: 4010007,
  ErrorValidationLoginCodeInvalidOrAlreadyUsed: 4010008,
  ErrorValidationLoginLinkedCredentialsDoNotMatch: 4010009,
  ErrorValidationLoginAddressUnknown: 4010010,
  ErrorValidationIdentityDisabled: 4010011,
  ErrorValidationRegistration: 4040000,
  ErrorValidationRegistrationFlowExpired: 4040001,
  ErrorValidateionRegistrationRetrySuccess: 4040002,
  ErrorValidationRegistrationCodeInvalidOrAlreadyUsed: 4040003,
  ErrorValidationSettings: 4050000,
  ErrorValidationSettingsFlowExpired: 4050001,
  ErrorValidationSettingsTooManyAddressChanges: 4050002,
  ErrorValidationRecovery: 4060000,
  ErrorValidationRecoveryRetrySuccess: 4060001,
  ErrorValidationRecoveryStateFailure: 4060002,
  ErrorValidationRecoveryMissingRecoveryToken: 4060003,
  ErrorValidationRecoveryTokenInvalidOrAlreadyUsed: 4060004,
  ErrorValidationRecoveryFlowExpired: 4060005,
  ErrorValidationRecoveryCodeInvalidOrAlreadyUsed: 4060006,
  ErrorValidationVerification: 4070000,
  ErrorValidationVerificationTokenInvalidOrAlreadyUsed: 4070001,
  ErrorValidationVerificationRetrySuccess: 4070002,
  ErrorValidationVerificationStateFailure: 4070003,
  ErrorValidationVerificationMissingVerificationToken: 4070004,
  ErrorValidationVerificationFlowExpired: 4070005,
  ErrorValidationVerificationCodeInvalidOrAlreadyUsed: 4070006,
  ErrorSystem: 5000000,
  ErrorSystemGeneric: 5000001,
  ErrorSystemNoAuthenticationMethodsAvailable: 5000002,
  ErrorSystemOrganizationNoSSOProvidersAvailable: 5000003,
} as const

export type KratosTextName = keyof typeof kratosTextIds

export interface UiText {
  readonly id: number
  readonly text: string
  readonly type: 'info' | 'error' | 'success'
}

const info = (name: KratosTextName, text: string): UiText => ({
  id: kratosTextIds[name],
  text,
  type: 'info',
})
const error = (name: KratosTextName, text: string): UiText => ({
  id: kratosTextIds[name],
  text,
  type: 'error',
})

/** Node labels (`meta.label`). */
export const labels = {
  /** NewInfoNodeInputPassword, text/message_node.go. */
  password: info('InfoNodeLabelInputPassword', 'Password'),
  /** NewInfoNodeLabelID, text/message_node.go. */
  identifier: info('InfoNodeLabelID', 'ID'),
  /** NewInfoNodeLabelGenerated, text/message_node.go: the identity schema's title for a trait. */
  trait: (title: string): UiText => info('InfoNodeLabelGenerated', title),
  /** NewInfoNodeLabelSave, text/message_node.go (the settings submit button). */
  save: info('InfoNodeLabelSave', 'Save'),
  /** NewInfoLogin, text/message_login.go (the login submit button). */
  signIn: info('InfoSelfServiceLogin', 'Sign in'),
  /** NewInfoRegistration, text/message_registration.go (the registration submit button). */
  signUp: info('InfoSelfServiceRegistration', 'Sign up'),
  /** NewInfoLoginTOTPLabel, text/message_login.go. */
  totpCode: info('InfoSelfServiceLoginTOTPLabel', 'Authentication code'),
  /** NewInfoLoginTOTP, text/message_login.go (the TOTP submit button). */
  useAuthenticator: info('InfoLoginTOTP', 'Use Authenticator'),
} as const

/** Flow messages (`ui.messages`). */
export const messages = {
  /** NewErrorValidationInvalidCredentials, text/message_validation.go. */
  invalidCredentials: error(
    'ErrorValidationInvalidCredentials',
    'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.',
  ),
  /** NewErrorValidationDuplicateCredentials, text/message_validation.go. */
  duplicateCredentials: error(
    'ErrorValidationDuplicateCredentials',
    'An account with the same identifier (email, phone, username, ...) exists already.',
  ),
  /** NewErrorValidationTOTPVerifierWrong, text/message_validation.go. */
  totpWrong: error(
    'ErrorValidationTOTPVerifierWrong',
    'The provided authentication code is invalid, please try again.',
  ),
  /** NewValidationErrorRequired, text/message_validation.go (a JSON Schema `required` miss). */
  required: (property: string): UiText =>
    error('ErrorValidationRequired', `Property ${property} is missing.`),
  /** NewErrorValidationPasswordMinLength, text/message_validation.go (password/validator.go). */
  passwordMinLength: (min: number, actual: number): UiText =>
    error(
      'ErrorValidationPasswordMinLength',
      `The password must be at least ${min} characters long, but got ${actual}.`,
    ),
  /** NewErrorValidationSettingsNoStrategyFound, text/message_login.go (no or unknown `method`). */
  settingsNoStrategy: error(
    'ErrorValidationSettingsNoStrategyFound',
    'Could not find a strategy to update your settings. Did you fill out the form correctly?',
  ),
  /**
   * A 400 on an API flow that a browser sent: `flow.EnsureCSRF` (selfservice/flow/request.go)
   * refuses an Origin header first, then cookies other than Cloudflare's; the flow's error
   * handler turns the 400 into NewValidationErrorGeneric(reason) (ui/container ParseError).
   */
  apiFlowFromBrowser: (hasOrigin: boolean): UiText =>
    error(
      'ErrorValidationGeneric',
      `The HTTP Request Header included the "${hasOrigin ? 'Origin' : 'Cookie'}" key, indicating that this request was made ${hasOrigin ? 'as part of an AJAX request in a Browser' : 'by a Browser'}. The flow however was initiated as an API request. To prevent potential misuse and mitigate several attack vectors including CSRF, the request has been blocked. Please consult the documentation.`,
    ),
} as const

/** NewInfoSelfServiceSettingsUpdateSuccess, text/message_settings.go. */
export const settingsSaved: UiText = {
  id: kratosTextIds.InfoSelfServiceSettingsUpdateSuccess,
  text: 'Your changes have been saved!',
  type: 'success',
}
