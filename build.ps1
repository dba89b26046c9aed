#!/usr/bin/env pwsh
# Thin wrapper over the README's dotnet commands: restore, build (compiler warnings are errors), test, pack.
[CmdletBinding()]
param(
    [ValidateSet('All', 'Build', 'Test', 'Pack')]
    [string] $Target = 'All',
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

Invoke-Dotnet restore Cassette.sln
if ($Target -in 'All', 'Build', 'Test', 'Pack') {
    Invoke-Dotnet build Cassette.sln -c $Configuration --no-restore
}
if ($Target -in 'All', 'Test') {
    Invoke-Dotnet test Cassette.sln -c $Configuration --no-build
}
if ($Target -in 'All', 'Pack') {
    Invoke-Dotnet pack Cassette.sln -c $Configuration --no-build -o artifacts/packages
}
