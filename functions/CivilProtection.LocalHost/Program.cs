using CivilProtection.LocalHost;

var app = LocalHostApp.Build(args);
await app.RunAsync();
