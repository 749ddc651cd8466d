using Integrations.Testing.Internal;

namespace Integrations.Testing;

/// <summary>Routing: from a request to an endpoint, through the failure queue.</summary>
public sealed partial class SandboxAuthorizationServer
{
    internal async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var path = RelativePath(request.RequestUri);
        SandboxEndpoint? endpoint = path switch
        {
            SandboxDefaults.AuthorizationPath => SandboxEndpoint.Authorization,
            SandboxDefaults.TokenPath => SandboxEndpoint.Token,
            SandboxDefaults.RevocationPath => SandboxEndpoint.Revocation,
            SandboxDefaults.UserInfoPath => SandboxEndpoint.UserInfo,
            SandboxDefaults.MessagesPath => SandboxEndpoint.Api,
            SandboxDefaults.MetadataPath => SandboxEndpoint.Metadata,
            _ => null,
        };

        if (endpoint is not { } known)
        {
            return WithRequest(SandboxResponses.NotFound(request.RequestUri!.AbsolutePath), request);
        }

        var form = request.Content is null
            ? SandboxParameters.Empty
            : SandboxParameters.Parse(await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        Requests.Record(known, form["grant_type"]);

        var failure = Failures.TryDequeue(known);
        switch (failure?.Kind)
        {
            case SandboxFailureKind.NetworkError:
                throw new HttpRequestException(HttpRequestError.ConnectionError, $"Sandbox: injected network error on the {known} endpoint.");
            case SandboxFailureKind.Response:
                return WithRequest(SandboxResponses.Failure(failure, Issuer), request);
            case SandboxFailureKind.Slow:
                await Task.Delay(failure.Delay, _time, cancellationToken).ConfigureAwait(false);
                break;
        }

        var response = known switch
        {
            SandboxEndpoint.Authorization => _authorization.Handle(request),
            SandboxEndpoint.Token => _token.Handle(request, form),
            SandboxEndpoint.Revocation => _revocation.Handle(request, form),
            SandboxEndpoint.UserInfo => _resources.UserInfo(request),
            SandboxEndpoint.Api => _resources.Messages(request),
            _ => _resources.Metadata(request),
        };

        if (failure?.Kind == SandboxFailureKind.ResponseLost)
        {
            response.Dispose();
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"Sandbox: injected failure, the connection dropped after the {known} endpoint handled the request.");
        }

        return WithRequest(response, request);
    }

    private string RelativePath(Uri? uri)
    {
        if (uri is not { IsAbsoluteUri: true }
            || !string.Equals(uri.Scheme, BaseUri.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Host, BaseUri.Host, StringComparison.OrdinalIgnoreCase)
            || uri.Port != BaseUri.Port)
        {
            // What an unreachable host looks like to the caller; keeps a misconfigured endpoint from going unnoticed.
            throw new HttpRequestException(HttpRequestError.NameResolutionError,
                $"Sandbox: no route to '{uri?.GetLeftPart(UriPartial.Authority)}'; the sandbox only answers at {BaseUri}.");
        }

        // Outside the base path nothing matches: the leading slash keeps it from equalling an endpoint path.
        var path = uri.AbsolutePath;
        return path.StartsWith(BaseUri.AbsolutePath, StringComparison.Ordinal) ? path[BaseUri.AbsolutePath.Length..] : path;
    }

    private static HttpResponseMessage WithRequest(HttpResponseMessage response, HttpRequestMessage request)
    {
        response.RequestMessage = request;
        return response;
    }
}
