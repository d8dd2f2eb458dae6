using System.Text;
using Course;

namespace Course.Tests;

/// <summary>
/// The README's promise, input by input: a command given bad input ends with exit code 2 and one <c>error: …</c> line
/// (a usage error may add one "try `course X --help`" line), never a stack trace, a hang or a silent success. Each case
/// is a bad input a careless or curious user could type; the outcome is what it must get.
/// </summary>
public sealed class BadInputCorpusTests
{
    private static readonly string s_folder = Path.Combine(Path.GetTempPath(), "course-bad-input-" + Environment.ProcessId);

    public BadInputCorpusTests() => BadFiles.Write(s_folder);

    /// <summary>Numbers that are not numbers, or not sane ones, for any numeric option.</summary>
    private static readonly string[] s_badNumbers = ["", "abc", "1e400", "NaN", "Infinity", "-Infinity", "0x10", "99999999999999999999999", "1..2", "--"];

    /// <summary>Every bad input, with the exit code it must get (2 unless the case says otherwise).</summary>
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        void Bad(params string[] args) => data.Add(string.Join('\u001f', args), 2);

        // ---- unknown commands and options, misplaced words
        Bad("nope");
        Bad("--nope");
        Bad("price");
        Bad("price", "nope", "--requests", "1");
        Bad("price", "lambda", "--memory", "512", "--requests", "1", "--duration-ms", "1", "--nope", "1");
        Bad("price", "lambda", "--memory", "512", "--memory", "256", "--requests", "1", "--duration-ms", "1");
        Bad("price", "lambda", "--requests");
        Bad("price", "lambda", "extra", "--requests", "1", "--duration-ms", "1");
        Bad("price", "lambda", "--no-free-tier=yes", "--requests", "1", "--duration-ms", "1");
        Bad("price", "fargate", "--cpu", "1", "--memory", "2", "--hours", "1", "--spot=yes");
        Bad("price", "fargate", "--cpu", "1", "--memory", "2", "--hours", "1", "--json=1");

        // ---- every numeric option of price, with every kind of bad number
        foreach (var n in s_badNumbers)
        {
            Bad("price", "lambda", "--memory", n, "--requests", "1000", "--duration-ms", "100");
            Bad("price", "lambda", "--memory", "512", "--requests", n, "--duration-ms", "100");
            Bad("price", "lambda", "--memory", "512", "--requests", "1000", "--duration-ms", n);
            Bad("price", "lambda", "--memory", "512", "--requests", "1000", "--duration-ms", "100", "--ephemeral-mb", n);
            Bad("price", "fargate", "--cpu", n, "--memory", "2", "--hours", "1");
            Bad("price", "fargate", "--cpu", "1", "--memory", n, "--hours", "1");
            Bad("price", "fargate", "--cpu", "1", "--memory", "2", "--hours", n);
            Bad("price", "fargate", "--cpu", "1", "--memory", "2", "--hours", "1", "--tasks", n);
            Bad("price", "fargate", "--cpu", "1", "--memory", "2", "--hours", "1", "--ephemeral-gb", n);
            Bad("price", "apigateway", "--requests", n);
        }

        // ---- numbers past AWS's limits, or past any sane bound where AWS has none
        Bad("price", "lambda", "--memory", "512", "--requests", "1000", "--duration-ms", "1e20");
        Bad("price", "lambda", "--memory", "512", "--requests", "1000", "--duration-ms", "900001");
        Bad("price", "lambda", "--memory", "512", "--requests", "1000", "--duration-ms", "-1");
        Bad("price", "lambda", "--memory", "127", "--requests", "1000", "--duration-ms", "100");
        Bad("price", "lambda", "--memory", "10241", "--requests", "1000", "--duration-ms", "100");
        Bad("price", "lambda", "--memory", "512", "--requests", "-5", "--duration-ms", "100");
        Bad("price", "lambda", "--memory", "512", "--requests", "1e30", "--duration-ms", "100");
        Bad("price", "lambda", "--memory", "512", "--requests", "1000", "--duration-ms", "100", "--ephemeral-mb", "511");
        Bad("price", "lambda", "--memory", "512", "--requests", "1000", "--duration-ms", "100", "--ephemeral-mb", "10241");
        Bad("price", "lambda", "--memory", "512", "--requests", "1000", "--duration-ms", "100", "--arch", "x86");
        Bad("price", "lambda", "--memory", "512", "--requests", "1000", "--duration-ms", "100", "--arch", "");
        Bad("price", "fargate", "--cpu", "1", "--memory", "2", "--hours", "1e12");
        Bad("price", "fargate", "--cpu", "1", "--memory", "2", "--hours", "-1");
        Bad("price", "fargate", "--cpu", "3", "--memory", "2", "--hours", "1");
        Bad("price", "fargate", "--cpu", "1", "--memory", "0.1", "--hours", "1");
        Bad("price", "fargate", "--cpu", "0", "--memory", "2", "--hours", "1");
        Bad("price", "fargate", "--cpu", "1", "--memory", "2", "--hours", "1", "--tasks", "0");
        Bad("price", "fargate", "--cpu", "1", "--memory", "2", "--hours", "1", "--tasks", "10000000");
        Bad("price", "fargate", "--cpu", "1", "--memory", "2", "--hours", "1", "--ephemeral-gb", "19");
        Bad("price", "fargate", "--cpu", "1", "--memory", "2", "--hours", "1", "--ephemeral-gb", "201");
        Bad("price", "fargate", "--cpu", "1", "--memory", "2", "--hours", "1", "--arch", "ARM");
        Bad("price", "apigateway", "--requests", "-1");
        Bad("price", "apigateway", "--requests", "1e30");
        Bad("price", "apigateway", "--requests", "1000", "--type", "websocket");
        Bad("price", "apigateway", "--requests", "1000", "--type", "");

        // ---- schedule
        foreach (var e in new[] { "", "cron()", "cron(0 9 * * 1-5)", "cron(0 9 * * * *)", "cron(60 9 * * ? *)", "cron(0 24 * * ? *)", "cron(0 9 32 * ? *)",
                     "cron(0 9 ? 13 * *)", "cron(0 9 ? * 8 *)", "cron(0 9 ? * 0 *)", "cron(0 9 ? * MON#6 *)", "cron(0 9 L-40 * ? *)", "cron(0 9 * * ? 1969)",
                     "cron(0 9 * * ? 2200)", "rate(0 minutes)", "rate(1 hours)", "rate(5 seconds)", "rate(-5 minutes)", "rate(five minutes)", "rate(99999999999999999999 minutes)",
                     "at(2026-13-01T00:00:00)", "at(not a time)", "every day", "cron(0 9 * * ? *", "cron(0/0 9 * * ? *)", "cron(5-1/0 * * * ? *)" })
        {
            Bad("schedule", "next", e, "--from", "2026-01-01T00:00:00Z");
        }
        Bad("schedule", "next", "cron(0 9 * * ? *)", "--from", "yesterday");
        Bad("schedule", "next", "cron(0 9 * * ? *)", "--from", "");
        Bad("schedule", "next", "cron(0 9 * * ? *)", "--from", "2026-01-01T00:00:00Z", "--count", "0");
        Bad("schedule", "next", "cron(0 9 * * ? *)", "--from", "2026-01-01T00:00:00Z", "--count", "10001");
        Bad("schedule", "next", "cron(0 9 * * ? *)", "--from", "2026-01-01T00:00:00Z", "--count", "1e9");
        Bad("schedule", "next", "cron(0 9 * * ? *)", "--from", "2026-01-01T00:00:00Z", "--tz", "");
        Bad("schedule", "next", "cron(0 9 * * ? *)", "--from", "2026-01-01T00:00:00Z", "--tz", "Mars/Olympus");
        Bad("schedule", "next", "cron(0 9 * * ? *)", "--from", "2026-01-01T00:00:00Z", "--tz", "../../etc/passwd");
        Bad("schedule", "next");
        Bad("schedule", "later", "cron(0 9 * * ? *)");
        Bad("schedule", "explain");
        Bad("schedule", "explain", "cron(0 9 * * 1-5)");

        // ---- lambda invoke
        foreach (var f in BadFiles.Events)
        {
            Bad("lambda", "invoke", "thumbnail", "--event", Path.Combine(s_folder, f));
            Bad("events", "check", Path.Combine(s_folder, f));
            // Lambda takes any JSON as a payload, so the echo function accepts what is valid JSON (and only that).
            data.Add(string.Join('\u001f', "lambda", "invoke", "echo", "--event", Path.Combine(s_folder, f)), BadFiles.ValidJson.Contains(f) ? 0 : 2);
        }
        Bad("lambda", "invoke", "echo", "--event", Path.Combine(s_folder, "big.json"));
        Bad("lambda", "invoke", "echo", "--event", Path.Combine(s_folder, "missing.json"));
        Bad("lambda", "invoke", "echo", "--event", s_folder);
        Bad("lambda", "invoke", "echo", "--event", "/dev/zero");
        Bad("lambda", "invoke", "echo", "--event", "");
        Bad("lambda", "invoke", "echo");
        Bad("lambda", "invoke", "nope", "--event", "s3-put");
        Bad("lambda", "invoke", "thumbnail", "--event", "http-api-v2-request");
        Bad("lambda", "invoke", "echo", "--event", "s3-put", "--memory", "64");
        Bad("lambda", "invoke", "echo", "--event", "s3-put", "--memory", "1e9");
        Bad("lambda", "invoke", "echo", "--event", "s3-put", "--timeout", "0");
        Bad("lambda", "invoke", "echo", "--event", "s3-put", "--timeout", "901");
        Bad("lambda", "invoke", "echo", "--event", "s3-put", "--timeout", "abc");
        Bad("lambda", "invoke", "echo", "--event", "s3-put", "--logs=1");
        Bad("lambda", "fly");
        Bad("lambda");
        Bad("lambda", "samples", "extra");

        // ---- events
        Bad("events");
        Bad("events", "check");
        Bad("events", "check", "a.json", "b.json");
        Bad("events", "check", Path.Combine(s_folder, "missing.json"));
        Bad("events", "check", s_folder);
        Bad("events", "check", "/dev/zero");
        Bad("events", "sample", "s3-putt");
        Bad("events", "sample", "");
        Bad("events", "list", "extra");
        Bad("events", "shout");

        // ---- ecr
        Bad("ecr");
        Bad("ecr", "digest");
        Bad("ecr", "digest", Path.Combine(s_folder, "missing.json"));
        Bad("ecr", "digest", "/dev/zero");
        Bad("ecr", "digest", s_folder);
        Bad("ecr", "digest", Path.Combine(s_folder, "big.json"));
        Bad("ecr", "push", "x");

        // ---- serve (options are checked before anything listens)
        Bad("serve", "extra");
        Bad("serve", "--port", "-1");
        Bad("serve", "--port", "65536");
        Bad("serve", "--port", "http");
        Bad("serve", "--api", "graphql");
        Bad("serve", "--api", "");
        Bad("serve", "--stop-on-eof=no");

        // ---- export and run: notebooks that are not notebooks
        foreach (var nb in BadFiles.Notebooks)
        {
            Bad("export", Path.Combine(s_folder, nb), "--to", "cs", "--out", Path.Combine(s_folder, "out-cs"));
            Bad("run", Path.Combine(s_folder, nb), "--no-build", "--in-process");
        }
        Bad("export", "notebooks/04-lambda.ipynb", "--to", "pdf");
        Bad("export", "notebooks/04-lambda.ipynb");
        Bad("export", "notebooks/04-lambda.ipynb", "--to", "cs", "--out", Path.Combine(s_folder, "a-file.txt"));
        Bad("export", Path.Combine(s_folder, "missing.ipynb"), "--to", "cs");
        Bad("run", Path.Combine(s_folder, "missing.ipynb"), "--no-build");
        Bad("run", Path.Combine(s_folder, "a-file.txt"), "--no-build");
        Bad("run", "notebooks/04-lambda.ipynb", "--no-build", "--html", Path.Combine(s_folder, "a-file.txt"));
        Bad("run", "notebooks/04-lambda.ipynb", "--no-build", "--html", "");
        Bad("run", "notebooks/04-lambda.ipynb", "--no-build", "--cell-timeout", "0");
        Bad("run", "notebooks/04-lambda.ipynb", "--no-build", "--cell-timeout", "1e300");
        Bad("run", "notebooks/04-lambda.ipynb", "--no-build", "--cell-timeout", "abc");
        Bad("run", "notebooks/04-lambda.ipynb", "--no-build=yes");
        Bad("run");
        Bad("run", "a.ipynb", "b.ipynb");

        // ---- grade and release: options are checked before any submission is graded or any file written
        var submissions = Path.Combine(s_folder, "submissions");
        Directory.CreateDirectory(submissions);
        Bad("grade");
        Bad("grade", Path.Combine(s_folder, "missing"), "--out", Path.Combine(s_folder, "grades"));
        Bad("grade", submissions, "--out", Path.Combine(s_folder, "a-file.txt"));
        foreach (var n in new[] { "1e300", "0", "-1", "abc", "99999999999" })
        {
            Bad("grade", submissions, "--out", Path.Combine(s_folder, "grades"), "--timeout", n);
            Bad("grade", submissions, "--out", Path.Combine(s_folder, "grades"), "--jobs", n);
            Bad("grade", submissions, "--out", Path.Combine(s_folder, "grades"), "--time-limit", n);
        }
        Bad("grade", submissions, "--out", Path.Combine(s_folder, "grades"), "--hidden-tests", Path.Combine(s_folder, "missing"));
        Bad("grade", submissions, "--out", Path.Combine(s_folder, "grades"), "--unsafe-no-sandbox=yes");
        Bad("release");
        Bad("release", Path.Combine(s_folder, "a-file.txt"));
        Bad("release", "a", "b");
        Bad("release", ".");
        Bad("check", "no-such-exercise");
        Bad("check", "lambda", "--time-limit", "abc");
        Bad("check", "lambda", "--time-limit", "1e300");
        Bad("check", "lambda", "--track", "answers");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_gets_one_error_line_and_exit_code_2_or_is_rightly_accepted(string joined, int expected)
    {
        var args = joined.Split('\u001f');
        var output = new StringWriter();
        var error = new StringWriter();
        var previous = Environment.CurrentDirectory;
        var code = Program.Run(args, new CommandContext(output, error, Repo.Root));

        var err = error.ToString().Replace("\r\n", "\n").TrimEnd('\n');
        var lines = err.Length == 0 ? [] : err.Split('\n');
        Assert.True(code == expected, $"course {string.Join(' ', args)}: exit {code}, expected {expected}\nstdout: {Cut(output.ToString())}\nstderr: {Cut(err)}");
        Assert.Equal(previous, Environment.CurrentDirectory);
        if (expected == 0)
        {
            Assert.True(err.Length == 0, $"course {string.Join(' ', args)}: succeeded but wrote to stderr: {Cut(err)}");
            return;
        }
        Assert.True(lines.Length is 1 or 2, $"course {string.Join(' ', args)}: {lines.Length} error lines, expected 1 (and an optional 'try' line):\n{Cut(err)}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        if (lines.Length == 2) Assert.StartsWith("try `course ", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", lines[0], StringComparison.Ordinal); // an AWS error code may be named; a .NET exception may not
    }

    [Fact]
    public void The_corpus_has_at_least_250_inputs()
    {
        Assert.True(Cases().Count >= 250, $"{Cases().Count} inputs");
    }

    private static string Cut(string s) => s.Length <= 1200 ? s : s[..1200] + "…";
}

/// <summary>The bad files the corpus reads: events, notebooks and oversized inputs.</summary>
internal static class BadFiles
{
    public static readonly string[] Events =
        ["null.json", "number.json", "array.json", "null-record.json", "wrong-types.json", "not-json.json", "empty.json", "deep.json", "not-utf8.json", "records-string.json", "no-s3.json"];

    /// <summary>The event files above that are valid JSON, though no AWS event.</summary>
    public static readonly string[] ValidJson = ["null.json", "number.json", "array.json", "null-record.json", "wrong-types.json", "records-string.json", "no-s3.json"];

    public static readonly string[] Notebooks =
        ["empty.ipynb", "not-json.ipynb", "object.ipynb", "cells-string.ipynb", "deep.ipynb", "not-utf8.ipynb", "cells-null.ipynb", "cell-number.ipynb", "array.ipynb"];

    private static readonly object s_gate = new();

    public static void Write(string folder)
    {
        lock (s_gate)
        {
            if (File.Exists(Path.Combine(folder, "done"))) return;
            Directory.CreateDirectory(folder);
            void Text(string name, string text) => File.WriteAllText(Path.Combine(folder, name), text);
            void Bytes(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(folder, name), bytes);
            Text("null.json", "null");
            Text("number.json", "42");
            Text("array.json", "[]");
            Text("null-record.json", """{"Records":[null]}""");
            Text("wrong-types.json", """{"Records":[{"s3":{"bucket":{"name":42},"object":{"key":["a"],"size":"big"}},"eventName":7}]}""");
            Text("not-json.json", "{ not json");
            Text("empty.json", "");
            Text("deep.json", new string('[', 100_000) + new string(']', 100_000));
            Bytes("not-utf8.json", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D]);
            Text("records-string.json", """{"Records":"x"}""");
            Text("no-s3.json", """{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put"}]}""");
            using (var big = File.Create(Path.Combine(folder, "big.json")))
            {
                var chunk = Encoding.ASCII.GetBytes("{\"pad\":\"" + new string('x', 1 << 20) + "\"}");
                big.Write(Encoding.ASCII.GetBytes("["));
                for (var i = 0; i < 50; i++)
                {
                    if (i > 0) big.Write(Encoding.ASCII.GetBytes(","));
                    big.Write(chunk);
                }
                big.Write(Encoding.ASCII.GetBytes("]"));
            }
            Text("empty.ipynb", "");
            Text("not-json.ipynb", "{ cells: ");
            Text("object.ipynb", "{}");
            Text("cells-string.ipynb", """{"cells":"x","nbformat":4}""");
            Text("cells-null.ipynb", """{"cells":null,"nbformat":4}""");
            Text("cell-number.ipynb", """{"cells":[42],"nbformat":4}""");
            Text("array.ipynb", "[]");
            Text("deep.ipynb", new string('[', 100_000) + new string(']', 100_000));
            Bytes("not-utf8.ipynb", [0x7B, 0x22, 0x63, 0x65, 0x6C, 0x6C, 0x73, 0x22, 0x3A, 0x5B, 0xFF, 0x5D, 0x7D]);
            Text("a-file.txt", "a file, not a folder");
            Text("done", "");
        }
    }
}
