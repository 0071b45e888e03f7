/**
 * The exceptions sandbox4j throws: all unchecked, all under {@link
 * dev.sandbox4j.errors.SandboxException}.
 *
 * <pre>
 * SandboxException                      attempts()
 * +-- SandboxApiException               a response arrived: statusCode(), serverMessage(), requestId()
 * |   +-- BadRequestException           400
 * |   +-- AuthenticationException       401
 * |   +-- PermissionDeniedException     403
 * |   +-- NotFoundException             404
 * |   |   +-- SandboxNotFoundException  404 on an operation on one sandbox: sandboxId()
 * |   +-- ConflictException             409
 * |   +-- RateLimitException            429: retryAfter()
 * |   +-- ServerException               5xx
 * |   +-- UnexpectedStatusException     anything else
 * +-- SandboxConnectionException        no response: refused, reset, dropped, unknown host
 * +-- SandboxTimeoutException           request or call timeout
 * +-- SandboxProtocolException          unparseable body, HTML instead of JSON, repeated token
 * +-- SandboxConfigurationException     bad configuration or argument; nothing was sent
 * </pre>
 */
package dev.sandbox4j.errors;
