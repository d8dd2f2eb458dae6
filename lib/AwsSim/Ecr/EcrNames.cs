using System.Text.RegularExpressions;

namespace AwsSim.Ecr;

/// <summary>
/// ECR's naming rules (aws-facts §7, from the ECR API): repository names are 2–256 characters matching
/// <c>(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*</c> (lower case, namespaces with <c>/</c>, single
/// separators); image tags are 1–300 characters.
/// </summary>
internal static partial class EcrNames
{
    /// <summary>The API's regular expression for repository names.</summary>
    public const string RepositoryNamePattern = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";

    /// <summary>Shortest repository name.</summary>
    public const int MinRepositoryNameLength = 2;

    /// <summary>Longest repository name.</summary>
    public const int MaxRepositoryNameLength = 256;

    /// <summary>Longest image tag.</summary>
    public const int MaxTagLength = 300;

    [GeneratedRegex("^" + RepositoryNamePattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();

    /// <summary>True when <paramref name="name"/> is a valid repository name.</summary>
    public static bool IsValidRepositoryName(string? name)
        => name is { Length: >= MinRepositoryNameLength and <= MaxRepositoryNameLength } && NameRegex().IsMatch(name);

    /// <summary>Checks a repository name; the error names the field, the value and the rule it broke.</summary>
    public static string ValidateRepositoryName(string? name, string field = "repositoryName")
    {
        if (name is null || name.Length < MinRepositoryNameLength || name.Length > MaxRepositoryNameLength)
        {
            throw new AwsValidationException(field, name, $"must be {MinRepositoryNameLength} to {MaxRepositoryNameLength} characters long (it is {name?.Length ?? 0})", "InvalidParameterException");
        }
        if (!NameRegex().IsMatch(name))
        {
            throw new AwsValidationException(field, name,
                "must match " + RepositoryNamePattern + ": lower-case letters and digits, single '.', '_' or '-' between them, namespaces separated by '/'", "InvalidParameterException");
        }
        return name;
    }

    /// <summary>Checks an image tag (1–300 characters, no whitespace).</summary>
    public static string ValidateTag(string? tag, string field = "imageTag")
    {
        if (tag is null || tag.Length is < 1 or > MaxTagLength || tag.Any(char.IsWhiteSpace))
        {
            throw new AwsValidationException(field, tag, $"must be 1 to {MaxTagLength} characters with no spaces", "InvalidParameterException");
        }
        return tag;
    }
}
