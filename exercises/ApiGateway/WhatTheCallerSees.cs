namespace Exercises.ApiGateway;

/// <summary>Exercise <c>apigateway.malformed</c>: predict what the caller receives for a function's output.</summary>
public static class WhatTheCallerSees
{
    /// <summary>
    /// A Lambda function behind a proxy integration returned <paramref name="functionOutput"/> (text). Return the
    /// status code and body the <b>caller</b> gets.
    /// <para><b>REST API</b> (payload 1.0, <paramref name="httpApi"/> false): the output must be a JSON object whose
    /// only fields are <c>statusCode</c> (required, a whole number 100–599), <c>headers</c> (object of strings),
    /// <c>multiValueHeaders</c> (object of string arrays), <c>body</c> (a string, or absent/null = empty) and
    /// <c>isBase64Encoded</c> (true/false). Then the caller gets that status and body. Anything else is malformed:
    /// 502 with body <c>{"message":"Internal server error"}</c>.</para>
    /// <para><b>HTTP API</b> (payload 2.0, true): output that is not valid JSON → 500 with body
    /// <c>{"message":"Internal Server Error"}</c>. Valid JSON without a <c>statusCode</c> field (or not an object) →
    /// 200 whose body is the output itself, except that a JSON string gives its value (<c>"hi"</c> → <c>hi</c>).
    /// An object with <c>statusCode</c> → that status (a whole number 100–599) and its <c>body</c> (a string, or
    /// absent/null = empty); a non-string body or a bad statusCode → 500 as above. Other fields are ignored.</para>
    /// </summary>
    /// <remarks>Ignore Base64 decoding: return the body text as the function gave it. Parse with <c>System.Text.Json.JsonDocument</c>.</remarks>
    public static (int StatusCode, string Body) Answer(string functionOutput, bool httpApi)
    {
        throw new NotImplementedException();
    }
}
