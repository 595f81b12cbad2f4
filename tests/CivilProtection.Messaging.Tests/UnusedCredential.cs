using Azure.Core;

namespace CivilProtection.Messaging.Tests;

/// <summary>A credential the tests hand over but never use: no test reaches a namespace.</summary>
internal sealed class UnusedCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No test should ask for a token.");

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No test should ask for a token.");
}
