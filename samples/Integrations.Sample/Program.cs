Console.WriteLine("The sample is being written; see README.md.");
