-- No fault: chat traffic on the healthy pool, which must report RTO 0 and RPO 0.
Set_PcDrillTarget{ Rto = "0s", RpoMessages = 0, Basis = "no fault", Documented = "None" }
Start_PcChatTraffic{}
Start_Sleep{ Seconds = 3 }
Stop_PcChatTraffic{}
