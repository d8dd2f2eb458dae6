// Benchmarks report speed; tests never time things. Run: dotnet run -c Release --project bench -- --filter '*'
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
