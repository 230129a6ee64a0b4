//! The moto harness is reachable through the real AWS SDK, and its recorder
//! shows the exact requests.

#[tokio::test]
async fn sts_get_caller_identity_round_trip() {
    let moto = crate::testkit::moto().unwrap();
    moto.start_recording().unwrap();
    let config = moto.sdk_config().await;
    let id = dbtool::aws::caller_identity(&config).await.unwrap();
    assert_eq!(id.account, "123456789012");
    let recorded = moto.recorded().unwrap();
    let actions: Vec<String> = recorded.iter().filter_map(|r| r.action()).collect();
    assert_eq!(actions, vec!["GetCallerIdentity".to_string()]);
}
