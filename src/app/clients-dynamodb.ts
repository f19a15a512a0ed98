// The DynamoDB client classes the CLI names, re-exported so that import() of this module (not of
// the whole package) lets the bundler leave out the commands, waiters and paginators no one uses.
export { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
