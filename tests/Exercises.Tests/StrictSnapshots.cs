using System.Runtime.CompilerServices;

namespace Exercises.Tests;

internal static class StrictSnapshots
{
    /// <summary>
    /// Without strict mode Snapshooter writes a missing snapshot and passes: a learner's wrong first answer would become
    /// the expected one. Strict is the default here; an instructor records new expected answers (against the solutions)
    /// with SNAPSHOOTER_STRICT_MODE=false.
    /// </summary>
    [ModuleInitializer]
    internal static void Init()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SNAPSHOOTER_STRICT_MODE")))
        {
            Environment.SetEnvironmentVariable("SNAPSHOOTER_STRICT_MODE", "true");
        }
    }
}
