using System.Text;

namespace AwsSim.ApiGateway;

/// <summary>
/// An HTTP request arriving at API Gateway: method, path (with any stage prefix and query string), headers (a
/// header may repeat) and body. Front ends (the local HTTP endpoint, tests) build one from a real request.
/// </summary>
public sealed record ApiRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="method">GET, POST, …</param>
    /// <param name="pathAndQuery">e.g. <c>/prod/items/42?verbose=true</c> (REST: the stage first).</param>
    /// <param name="headers">Headers in order; names may repeat.</param>
    /// <param name="body">The body bytes, or null.</param>
    public ApiRequest(string method, string pathAndQuery, IEnumerable<KeyValuePair<string, string>>? headers = null, byte[]? body = null)
    {
        Method = method;
        PathAndQuery = pathAndQuery;
        Headers = headers?.ToList() ?? new List<KeyValuePair<string, string>>();
        Body = body;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; init; }

    /// <summary>Path and query string as sent.</summary>
    public string PathAndQuery { get; init; }

    /// <summary>Headers in order (names may repeat).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>The body, or null.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The caller's IP address.</summary>
    public string SourceIp { get; init; } = "127.0.0.1";

    /// <summary>The protocol, e.g. <c>HTTP/1.1</c>.</summary>
    public string Protocol { get; init; } = "HTTP/1.1";

    /// <summary>The path without the query string.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];

    /// <summary>The query string without <c>?</c>, "" when none.</summary>
    public string Query => PathAndQuery.Split('?', 2) is [_, var q] ? q : "";

    /// <summary>The first value of a header (names compare case-insensitively), or null.</summary>
    public string? Header(string name)
        => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>A request with a UTF-8 text body.</summary>
    public static ApiRequest Text(string method, string pathAndQuery, string? body = null, string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        var list = headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToList();
        if (body is not null && !list.Any(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
            list.Add(new("Content-Type", contentType));
        return new ApiRequest(method, pathAndQuery, list, body is null ? null : Encoding.UTF8.GetBytes(body));
    }

    /// <summary>A GET request.</summary>
    public static ApiRequest Get(string pathAndQuery, params (string Name, string Value)[] headers) => Text("GET", pathAndQuery, null, "application/json", headers);
}
