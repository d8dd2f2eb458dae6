using AwsSim.ApiGateway;

namespace AwsSim.Tests.ApiGateway;

public class RoutePatternTests
{
    [Theory]
    [InlineData("/items/{id}", "/items/42", "id=42")]
    [InlineData("/items/{id}", "/items/a%20b", "id=a b")]
    [InlineData("/{proxy+}", "/hello/world", "proxy=hello/world")]
    [InlineData("/files/{path+}", "/files/a/b/c.png", "path=a/b/c.png")]
    [InlineData("/a/{x}/b/{y}", "/a/1/b/2", "x=1,y=2")]
    [InlineData("/", "/", "")]
    public void Matches_and_extracts_path_parameters(string template, string path, string expected)
    {
        var p = RoutePattern.Parse(template).Match(RoutePattern.SplitPath(path));
        Assert.NotNull(p);
        Assert.Equal(expected, string.Join(",", p.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [Theory]
    [InlineData("/items/{id}", "/items")]
    [InlineData("/items/{id}", "/items/1/2")]
    [InlineData("/{proxy+}", "/")] // a greedy variable needs at least one segment
    [InlineData("/items", "/Items")] // paths are case-sensitive
    public void Does_not_match(string template, string path)
        => Assert.Null(RoutePattern.Parse(template).Match(RoutePattern.SplitPath(path)));

    [Theory]
    [InlineData("items")]
    [InlineData("/{proxy+}/more")]
    [InlineData("/a{b}")]
    [InlineData("/{}")]
    [InlineData("/{id}/{id}")]
    public void Bad_templates_are_refused_naming_the_template(string template)
    {
        var ex = Assert.Throws<AwsValidationException>(() => RoutePattern.Parse(template));
        Assert.Equal(template, ex.Value);
    }

    [Theory]
    // HTTP API precedence (developer guide, http-api-develop-routes "Routing API requests"): exact route and method,
    // then greedy path variables, then $default.
    [InlineData("GET", "/pets/dog/1", "GET /pets/dog/1")]
    [InlineData("GET", "/pets/dog/2", "GET /pets/dog/{id}")]
    [InlineData("GET", "/pets/cat/1", "GET /pets/{proxy+}")]
    [InlineData("POST", "/pets/dog/1", "ANY /{proxy+}")]
    [InlineData("GET", "/", "$default")]
    [InlineData("PATCH", "/pets", "ANY /pets")]
    [InlineData("GET", "/pets", "GET /pets")]
    public void Most_specific_route_wins(string method, string path, string expected)
    {
        var aws = new SimulatedAws();
        var api = aws.ApiGateway.CreateApi("precedence");
        foreach (var key in new[] { "$default", "ANY /{proxy+}", "GET /pets/{proxy+}", "GET /pets/dog/{id}", "GET /pets/dog/1", "ANY /pets", "GET /pets" })
            api.CreateRoute(key, "fn");
        var m = api.Match(method, RoutePattern.SplitPath(path));
        Assert.Equal(expected, m!.Value.Route.RouteKey);
    }
}
