/** Amazon DynamoDB storage for persistent assignment, through the AWS SDK for Java v2. */
module io.github.persistentassignment.storage.dynamodb {
  requires transitive io.github.persistentassignment;
  requires transitive software.amazon.awssdk.services.dynamodb;
  requires transitive software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.auth;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.identity.spi;
  requires software.amazon.awssdk.retries.api;
  requires org.slf4j;

  exports io.github.persistentassignment.storage.dynamodb;

  provides io.github.persistentassignment.StorageProvider with
      io.github.persistentassignment.storage.dynamodb.DynamoDbStorageProvider;
}
