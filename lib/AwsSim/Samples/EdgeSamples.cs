using AwsSim.CloudFront;

namespace AwsSim.Samples;

/// <summary>
/// A viewer-request function for A/B testing, after AWS's own example: a request for <c>/experiment-pixel.jpg</c> is
/// rewritten to <c>/control-pixel.jpg</c> (group A) or <c>/treatment-pixel.jpg</c> (group B). The group comes from the
/// <c>X-Experiment-Name</c> cookie; a viewer without one is assigned by a stable hash of its IP address, so the same
/// viewer always sees the same variant. Other URIs pass unchanged. It also tags the request with an
/// <c>X-Experiment-Group</c> header the origin can log.
/// </summary>
/// <remarks>On AWS this would be Node.js or Python (Lambda@Edge runs nothing else); the logic is the same.</remarks>
public static class AbTestFunction
{
    /// <summary>The URI the experiment applies to.</summary>
    public const string ExperimentUri = "/experiment-pixel.jpg";

    /// <summary>The handler: takes the CloudFront event JSON, returns the (possibly rewritten) request JSON.</summary>
    public static string Handle(string eventJson)
    {
        var request = AwsJson.Deserialize<CloudFrontEvent>(eventJson).Cf?.Request ?? throw new ArgumentException("not a CloudFront request event");
        return AwsJson.Serialize(Rewrite(request));
    }

    /// <summary>The rewrite itself.</summary>
    public static CloudFrontRequest Rewrite(CloudFrontRequest request)
    {
        if (request.Uri != ExperimentUri) return request;
        var group = GroupOf(request.Header("cookie"), request.ClientIp ?? "");
        var uri = group == "A" ? "/control-pixel.jpg" : "/treatment-pixel.jpg";
        return (request with { Uri = uri }).WithHeader("X-Experiment-Group", group);
    }

    /// <summary>"A" or "B": from the <c>X-Experiment-Name</c> cookie, else from a stable hash of the client IP.</summary>
    public static string GroupOf(string? cookieHeader, string clientIp)
    {
        foreach (var part in (cookieHeader ?? "").Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("X-Experiment-Name=", StringComparison.Ordinal))
            {
                var v = part["X-Experiment-Name=".Length..];
                if (v is "A" or "B") return v;
            }
        }
        // FNV-1a: stable across runs and machines (string.GetHashCode is randomised per process).
        var h = 2166136261u;
        foreach (var c in clientIp) { h ^= c; h *= 16777619u; }
        return h % 2 == 0 ? "A" : "B";
    }
}

/// <summary>
/// A response function (origin-response or viewer-response) that adds security headers, e.g.
/// <c>Strict-Transport-Security</c>, to every response.
/// </summary>
public static class SecurityHeadersFunction
{
    /// <summary>The handler: takes the event JSON, returns the response JSON with the headers added.</summary>
    public static string Handle(string eventJson)
    {
        var response = AwsJson.Deserialize<CloudFrontEvent>(eventJson).Cf?.Response ?? throw new ArgumentException("not a CloudFront response event");
        return AwsJson.Serialize(response
            .WithHeader("Strict-Transport-Security", "max-age=63072000; includeSubdomains; preload")
            .WithHeader("X-Content-Type-Options", "nosniff"));
    }
}
